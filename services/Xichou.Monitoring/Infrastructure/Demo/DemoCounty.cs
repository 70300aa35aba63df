using Xichou.Contracts;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Policy;

namespace Xichou.Monitoring.Infrastructure.Demo;

/// <summary>What happens to a demo household over the last months, which the risk rules then turn into risks.</summary>
public enum DemoScenario
{
    Steady,
    FallsBelowLine,
    ExpenseSpike,
    BasicNeedUnmet,
    IncomeDrop,
}

/// <summary>A generated county: plain data, the same for the same seed, size and day.</summary>
public sealed record DemoCountyPlan(DateOnly Today, IReadOnlyList<DemoHousehold> Households, IReadOnlyList<DemoCadre> Cadres);

public sealed record DemoHousehold(
    int Number, string VillageCode, string VillagerGroup, DateOnly RegisteredOn, decimal RegisteredIncome, DemoScenario Scenario,
    IReadOnlyList<DemoMember> Members, IReadOnlyList<DemoVisit> Visits, DemoLoan? Loan, string Monitor);

public sealed record DemoMember(
    Relation Relation, string Name, string IdNumber, int Age, LabourCapacity LabourCapacity, SchoolStage SchoolStage,
    HealthState HealthState, string? Phone);

/// <summary>A visit and what it found; <see cref="ReportUpAfterDays"/>: the village reports the risks it raised up to the township.</summary>
public sealed record DemoVisit(
    VisitKind Kind, DateOnly On, string Visitors, IReadOnlyList<BasicNeed> Unmet, decimal PerCapitaIncome,
    IReadOnlyList<DemoExpense> Expenses, string? Notes, int? ReportUpAfterDays);

public sealed record DemoExpense(ExpenseCause Cause, decimal Amount, string Note);

public sealed record DemoLoan(string Purpose, decimal Amount, Lender Lender, LoanStatus Status, string? DeclineReason, DateOnly RecordedOn);

/// <summary>A cadre paired with one household (by <see cref="DemoHousehold.Number"/>).</summary>
public sealed record DemoCadre(string UserName, string Name, string WorkUnit, CadreRank Rank, int HouseholdNumber);

/// <summary>
/// A deterministic county for the demo: Xichou's 9 townships and 70 village committees, marginal households with
/// plausible families (valid ID numbers under 532623, ages that fit the relations), half-monthly visits over the
/// last three months, and the scenarios that raise risks. Same seed, size and day → the same county.
/// </summary>
public static class DemoCounty
{
    public const int Seed = 2021;

    /// <summary>The demo pairing cadre's user name (the gateway's demo user of the same name).</summary>
    public const string DemoCadre = "pairing-cadre";

    /// <summary>兴街镇三光村, where the demo cadre's household is.</summary>
    public const string DemoCadreVillage = "532623101012";

    /// <summary>About the number of marginal households a county of Xichou's size monitors.</summary>
    public const int DefaultHouseholds = 2000;
    public const int MaxPairedCadres = 150;

    /// <summary>Visits go back this far.</summary>
    public const int HistoryDays = 92;

    /// <summary>兴街镇三光村 and 龙坪村 first, so even a small county has households where the demo users work.</summary>
    private static readonly string[] FirstVillages = [DemoCadreVillage, "532623101007"];

    public static DemoCountyPlan Generate(int households, DateOnly today, int seed = Seed) =>
        new Generator(new Random(seed), today).Run(households);

    private sealed class Generator(Random random, DateOnly today)
    {
        private readonly HashSet<string> _idNumbers = [];
        private readonly HashSet<string> _familyNames = [];
        private readonly Dictionary<string, (string Monitor, string Worker)> _teams = [];

        public DemoCountyPlan Run(int count)
        {
            var villages = Villages.All.OrderBy(v => Array.IndexOf(FirstVillages, v.Code) is var i and >= 0 ? i : FirstVillages.Length).ToList();
            foreach (var village in villages)
            {
                _teams[village.Code] = (PersonName(male: random.Next(3) > 0), PersonName(male: random.Next(2) == 0));
            }
            var households = new List<DemoHousehold>(count);
            for (var number = 0; number < count; number++)
            {
                // Every village once, then weighted: the bigger townships (西洒, 兴街) hold more households.
                var village = number < villages.Count ? villages[number] : villages[WeightedVillage(villages)];
                households.Add(Household(number, village.Code));
            }
            var cadres = Cadres(households);
            foreach (var cadre in cadres)
            {
                households[cadre.HouseholdNumber] = WithCadreVisit(households[cadre.HouseholdNumber], cadre);
            }
            return new DemoCountyPlan(today, households, cadres);
        }

        /// <summary>The paired cadre's 回头看、回头帮 visit, which finds the household as the visit before it did.</summary>
        private DemoHousehold WithCadreVisit(DemoHousehold household, DemoCadre cadre)
        {
            var on = today.AddDays(-random.Next(5, 60));
            var before = household.Visits.LastOrDefault(v => v.On <= on);
            if (before is null)
            {
                return household;
            }
            var visit = new DemoVisit(VisitKind.Cadre, on, cadre.Name, before.Unmet, before.PerCapitaIncome, [],
                "回头看、回头帮：了解家庭生产生活情况，宣传帮扶政策", null);
            return household with { Visits = [.. household.Visits.Where(v => v.On <= on), visit, .. household.Visits.Where(v => v.On > on)] };
        }

        private int WeightedVillage(List<Village> villages)
        {
            while (true)
            {
                var index = random.Next(villages.Count);
                var township = villages[index].TownshipCode;
                var keep = township is "532623100" or "532623101" ? 1.0 : 0.75;
                if (random.NextDouble() < keep)
                {
                    return index;
                }
            }
        }

        private DemoHousehold Household(int number, string villageCode)
        {
            var (monitor, worker) = _teams[villageCode];
            var members = Family();
            var scenario = number == 0 ? DemoScenario.ExpenseSpike : PickScenario();
            var group = $"第{DemoNames.ChineseNumbers[random.Next(DemoNames.ChineseNumbers.Length)]}村民小组";

            // A few households came onto the register in the last days and wait for their first visit.
            var isNew = number > 0 && random.NextDouble() < 0.02;
            var registeredOn = isNew ? today.AddDays(-random.Next(1, 12)) : today.AddDays(-random.Next(HistoryDays + 20, 420));
            var income = scenario switch
            {
                DemoScenario.FallsBelowLine => Yuan(6200, 7200),
                DemoScenario.IncomeDrop => Yuan(10000, 12500),
                _ => Yuan(6300, 12000),
            };
            var visits = isNew ? [] : Visits(scenario, income, $"{monitor}、{worker}");
            if (isNew)
            {
                scenario = DemoScenario.Steady;
            }
            var loan = !isNew && random.NextDouble() < 0.12 ? Loan(members) : null;
            return new DemoHousehold(number, villageCode, group, registeredOn, income, scenario, members, visits, loan, monitor);
        }

        private DemoScenario PickScenario() => random.NextDouble() switch
        {
            < 0.07 => DemoScenario.FallsBelowLine,
            < 0.11 => DemoScenario.ExpenseSpike,
            < 0.13 => DemoScenario.BasicNeedUnmet,
            < 0.145 => DemoScenario.IncomeDrop,
            _ => DemoScenario.Steady,
        };

        private List<DemoVisit> Visits(DemoScenario scenario, decimal income, string team)
        {
            // Most households were visited in this cycle; about one in eight is overdue.
            var lastDaysAgo = random.NextDouble() < 0.12 ? random.Next(16, 40) : random.Next(0, 15);
            var dates = new List<DateOnly>();
            for (var daysAgo = lastDaysAgo; daysAgo <= HistoryDays; daysAgo += random.Next(12, 16))
            {
                dates.Add(today.AddDays(-daysAgo));
            }
            dates.Reverse();

            var eventAt = scenario == DemoScenario.Steady ? -1 : random.Next(dates.Count);
            // Some households recovered and a verification visit confirmed it; the others' risks are still open.
            var recoverAt = eventAt >= 0 && random.NextDouble() < 0.4 ? eventAt + random.Next(1, 3) : int.MaxValue;
            var need = new[] { BasicNeed.SafeHousing, BasicNeed.SafeDrinkingWater, BasicNeed.CompulsorySchooling, BasicNeed.MedicalCare }[random.Next(4)];
            var cause = random.NextDouble() switch { < 0.5 => ExpenseCause.Illness, < 0.7 => ExpenseCause.Disaster, < 0.85 => ExpenseCause.Accident, _ => ExpenseCause.Schooling };
            var low = scenario switch
            {
                DemoScenario.FallsBelowLine => Math.Min(decimal.Round(income * (decimal)(0.78 + random.NextDouble() * 0.14)), 5900m - random.Next(0, 900)),
                DemoScenario.IncomeDrop => decimal.Round(income * 0.62m),
                _ => income,
            };

            var visits = new List<DemoVisit>(dates.Count);
            for (var i = 0; i < dates.Count; i++)
            {
                var kind = VisitKind.Routine;
                var unmet = new List<BasicNeed>();
                var expenses = new List<DemoExpense>();
                var found = income * (decimal)(0.98 + random.NextDouble() * 0.04);
                string? notes = null;
                int? reportUp = null;
                if (i >= recoverAt)
                {
                    kind = i == recoverAt ? VisitKind.Verification : VisitKind.Routine;
                    notes = i == recoverAt ? "核实走访：帮扶措施已落实，收入恢复，两不愁三保障均已保障" : null;
                    found = Math.Max(found, 6100m);
                }
                else if (i >= eventAt && eventAt >= 0)
                {
                    switch (scenario)
                    {
                        case DemoScenario.FallsBelowLine:
                            found = low;
                            notes = i == eventAt ? "务工收入减少，人均纯收入低于监测线" : null;
                            break;
                        case DemoScenario.IncomeDrop:
                            found = low;
                            notes = i == eventAt ? "主要劳动力外出务工返乡，收入骤减" : null;
                            break;
                        case DemoScenario.ExpenseSpike when i == eventAt:
                            expenses.Add(Spike(cause));
                            notes = NoteFor(cause);
                            break;
                        case DemoScenario.BasicNeedUnmet:
                            unmet.Add(need);
                            notes = i == eventAt ? NoteFor(need) : null;
                            // Half the villages cannot solve it themselves and report it to the township.
                            reportUp = i == eventAt && random.Next(2) == 0 ? random.Next(3, 11) : null;
                            break;
                    }
                }
                else if (random.NextDouble() < 0.08)
                {
                    expenses.Add(new DemoExpense(ExpenseCause.Illness, Yuan(300, 2500), "门诊及购药"));
                }
                visits.Add(new DemoVisit(kind, dates[i], team, unmet, decimal.Round(found), expenses, notes, reportUp));
            }
            return visits;
        }

        private DemoExpense Spike(ExpenseCause cause) => cause switch
        {
            ExpenseCause.Illness => new(cause, Yuan(12000, 45000), "住院治疗自付费用"),
            ExpenseCause.Disaster => new(cause, Yuan(10500, 30000), "暴雨导致房屋受损"),
            ExpenseCause.Accident => new(cause, Yuan(10000, 35000), "交通事故医疗费用"),
            _ => new(cause, Yuan(10000, 18000), "子女上大学学费及生活费"),
        };

        private static string NoteFor(ExpenseCause cause) => cause switch
        {
            ExpenseCause.Illness => "家庭成员住院，医疗支出骤增",
            ExpenseCause.Disaster => "受暴雨灾害影响，房屋及农作物受损",
            ExpenseCause.Accident => "家庭成员遭遇意外事故",
            _ => "子女考上大学，教育支出骤增",
        };

        private static string NoteFor(BasicNeed need) => need switch
        {
            BasicNeed.SafeHousing => "房屋出现裂缝，存在安全隐患",
            BasicNeed.SafeDrinkingWater => "旱季水源不足，饮水困难",
            BasicNeed.CompulsorySchooling => "适龄子女辍学在家",
            _ => "未参加城乡居民基本医疗保险",
        };

        private DemoLoan Loan(List<DemoMember> members)
        {
            var status = random.NextDouble() switch
            {
                < 0.25 => LoanStatus.Need,
                < 0.42 => LoanStatus.Applied,
                < 0.55 => LoanStatus.Approved,
                < 0.90 => LoanStatus.Disbursed,
                _ => LoanStatus.Declined,
            };
            var head = members[0];
            return new DemoLoan(
                DemoNames.LoanPurposes[random.Next(DemoNames.LoanPurposes.Length)],
                random.Next(1, 11) * 5000m,
                random.Next(3) == 0 ? Lender.AgriculturalBank : Lender.CreditUnion,
                status,
                status == LoanStatus.Declined ? DemoNames.DeclineReasons[head.Age > 65 ? 0 : random.Next(1, DemoNames.DeclineReasons.Length)] : null,
                today.AddDays(-random.Next(10, 150)));
        }

        private List<DemoCadre> Cadres(List<DemoHousehold> households)
        {
            var cadres = new List<DemoCadre>();
            if (households.Count == 0)
            {
                return cadres;
            }
            // The demo cadre (the gateway's demo user pairing-cadre) is paired with the first household of 三光村.
            cadres.Add(new DemoCadre(DemoCadre, "杨正华", "县财政局", CadreRank.Section, 0));
            var others = Math.Min(MaxPairedCadres, households.Count / 3);
            var taken = new HashSet<int> { 0 };
            for (var i = 1; i <= others; i++)
            {
                int number;
                do
                {
                    number = random.Next(households.Count);
                }
                while (!taken.Add(number));
                var rank = random.NextDouble() switch
                {
                    < 0.6 => CadreRank.DeputySection,
                    < 0.9 => CadreRank.Section,
                    < 0.98 => CadreRank.DeputyCounty,
                    _ => CadreRank.County,
                };
                cadres.Add(new DemoCadre($"cadre-{i:D3}", PersonName(male: random.Next(4) > 0),
                    DemoNames.WorkUnits[random.Next(DemoNames.WorkUnits.Length)], rank, number));
            }
            return cadres;
        }

        /// <summary>A family of 1–7: the head, and as the head's age allows a spouse, children, a child's spouse, grandchildren, a parent.</summary>
        private List<DemoMember> Family()
        {
            var members = new List<DemoMember>();
            _familyNames.Clear();
            var headAge = random.Next(28, 81);
            var headMale = random.NextDouble() < 0.85;
            var surname = Surname();
            members.Add(Member(Relation.Head, surname, headMale, headAge, head: true));

            var married = random.NextDouble() < (headAge < 70 ? 0.85 : 0.5);
            if (married)
            {
                // Wives are mostly a little younger than their husbands.
                var gap = random.Next(-2, 7);
                var spouseAge = Math.Clamp(headMale ? headAge - gap : headAge + gap, 18, 95);
                members.Add(Member(Relation.Spouse, Surname(), !headMale, spouseAge));
            }

            var children = headAge < 24 ? 0 : random.Next(0, 4);
            var childSurname = headMale ? surname : Surname();
            for (var i = 0; i < children && members.Count < 7; i++)
            {
                var childAge = headAge - random.Next(20, 36);
                if (childAge < 0)
                {
                    continue;
                }
                var male = random.Next(2) == 0;
                members.Add(Member(Relation.Child, childSurname, male, childAge));
                // An adult son often lives at home with his wife and children.
                if (male && childAge >= 24 && members.Count < 6 && random.NextDouble() < 0.6)
                {
                    members.Add(Member(Relation.ChildInLaw, Surname(), male: false, Math.Clamp(childAge + random.Next(-4, 3), 20, 95)));
                    var grandchildren = random.Next(1, 3);
                    for (var g = 0; g < grandchildren && members.Count < 7; g++)
                    {
                        var grandchildAge = childAge - random.Next(20, 31);
                        if (grandchildAge >= 0)
                        {
                            members.Add(Member(Relation.Grandchild, childSurname, random.Next(2) == 0, grandchildAge));
                        }
                    }
                }
            }

            if (headAge <= 58 && members.Count < 7 && random.NextDouble() < 0.35)
            {
                var parentAge = headAge + random.Next(22, 36);
                if (parentAge <= 95)
                {
                    var mother = random.Next(3) > 0;
                    members.Add(Member(Relation.Parent, mother ? Surname() : (headMale ? surname : Surname()), !mother, parentAge));
                }
            }
            return members;
        }

        private DemoMember Member(Relation relation, string surname, bool male, int age, bool head = false)
        {
            var birth = today.AddYears(-age).AddDays(-random.Next(0, 360));
            string idNumber;
            do
            {
                // GB 11643: the sequence's last digit is odd for men and even for women.
                idNumber = IdNumber.Compose(IdNumber.XichouAreaCode, birth, random.Next(0, 500) * 2 + (male ? 1 : 0));
            }
            while (!_idNumbers.Add(idNumber));

            var health = age switch
            {
                >= 50 when random.NextDouble() < 0.12 => HealthState.ChronicIllness,
                _ when random.NextDouble() < 0.02 => HealthState.SeriousIllness,
                _ when random.NextDouble() < 0.03 => HealthState.Disabled,
                _ => HealthState.Healthy,
            };
            var school = SchoolStageAt(age);
            var labour = (age, school, health) switch
            {
                (< 16, _, _) => LabourCapacity.None,
                (_, not SchoolStage.NotInSchool, _) => LabourCapacity.None,
                (_, _, HealthState.SeriousIllness or HealthState.Disabled) => age >= 60 || random.Next(2) == 0 ? LabourCapacity.Lost : LabourCapacity.Weak,
                (>= 75, _, _) => LabourCapacity.Lost,
                (>= 60, _, _) => LabourCapacity.Weak,
                (_, _, HealthState.ChronicIllness) => LabourCapacity.Weak,
                _ => LabourCapacity.Able,
            };
            var phone = head || (age is >= 18 and < 60 && random.NextDouble() < 0.3)
                ? DemoNames.PhonePrefixes[random.Next(DemoNames.PhonePrefixes.Length)] + random.Next(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture)
                : null;
            // No two members of one family share a name.
            string name;
            do
            {
                name = surname + Given(male);
            }
            while (!_familyNames.Add(name));
            return new DemoMember(relation, name, idNumber, age, labour, school, health, phone);
        }

        private SchoolStage SchoolStageAt(int age) => age switch
        {
            < 3 => SchoolStage.NotInSchool,
            < 6 => random.NextDouble() < 0.85 ? SchoolStage.Preschool : SchoolStage.NotInSchool,
            < 12 => SchoolStage.Primary,
            < 15 => SchoolStage.JuniorSecondary,
            < 18 => random.NextDouble() switch { < 0.5 => SchoolStage.SeniorSecondary, < 0.85 => SchoolStage.Vocational, _ => SchoolStage.NotInSchool },
            < 22 => random.NextDouble() switch { < 0.25 => SchoolStage.Tertiary, < 0.4 => SchoolStage.Vocational, _ => SchoolStage.NotInSchool },
            _ => SchoolStage.NotInSchool,
        };

        private string Surname() => DemoNames.Surnames[random.Next(DemoNames.Surnames.Length)];

        private string Given(bool male) => male
            ? DemoNames.MaleGiven[random.Next(DemoNames.MaleGiven.Length)]
            : DemoNames.FemaleGiven[random.Next(DemoNames.FemaleGiven.Length)];

        private string PersonName(bool male) => Surname() + Given(male);

        private decimal Yuan(int from, int to) => random.Next(from / 10, to / 10 + 1) * 10m;
    }
}
