using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.DepartmentKit.Ledger;
using Xichou.Education.Infrastructure;
using Xichou.Education.Model;
using Xichou.Education.Policy;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Education.Application;

/// <summary>
/// 教育帮扶台账 by township, village and stage, within the caller's jurisdiction: school-age members by their stage (the
/// survey's, else the register's), open dropouts, and this period's grants (students and yuan). Every village where education
/// knows a household has a line. The kit serves it at <c>GET /api/ledger</c>, as .xlsx and on the home page.
/// </summary>
public sealed class EducationLedger(EducationDbContext db, StudentDirectory directory, EducationPolicy policy, TimeProvider time) : ILedgerSource
{
    public const string Title = "教育帮扶台账";

    private static readonly SchoolStage[] Stages =
        [SchoolStage.Preschool, SchoolStage.Primary, SchoolStage.JuniorSecondary, SchoolStage.SeniorSecondary, SchoolStage.Vocational,
         SchoolStage.Tertiary, SchoolStage.NotInSchool];

    public static IReadOnlyList<LedgerColumn> Columns { get; } =
    [
        new("students", "适龄儿童及在校生"),
        .. Stages.Select(s => new LedgerColumn(SchoolStages.WireOf(s), SchoolStages.NameOf(s))),
        new("dropouts", "未在校适龄儿童（控辍保学）"),
        new("subsidised", "本期已补助人数"),
        new("subsidyYuan", "本期补助金额（元）"),
    ];

    public async Task<DepartmentLedger> BuildAsync(Jurisdiction scope, CancellationToken cancellationToken)
    {
        var period = EducationRules.CurrentPeriod(Beijing.Today(time), policy);
        var places = await db.Households.AsNoTracking().Within(scope)
            .Select(h => new { h.TownshipCode, h.VillageCode }).Distinct().ToListAsync(cancellationToken);
        var students = await directory.LoadAsync(scope, period.Name, null, null, tracking: false, cancellationToken);
        var rows = places.Select(place =>
        {
            var here = students.Where(s => s.Household.TownshipCode == place.TownshipCode && s.Household.VillageCode == place.VillageCode).ToList();
            var values = new Dictionary<string, decimal>
            {
                ["students"] = here.Count,
                ["dropouts"] = here.Count(s => s.Record?.IsDropout == true),
                ["subsidised"] = here.Count(s => s.ThisPeriod is not null),
                ["subsidyYuan"] = here.Sum(s => s.ThisPeriod?.AmountYuan ?? 0m),
            };
            foreach (var stage in Stages)
            {
                values[SchoolStages.WireOf(stage)] = here.Count(s => s.Stage == stage);
            }
            return new LedgerRow(place.TownshipCode, place.VillageCode, values);
        });
        return DepartmentLedger.Build($"{Title}（{period.Name}{EducationRules.PeriodWord(policy)}）", scope.DisplayName, Columns, rows);
    }
}
