using System.Text.Json;

namespace Xichou.Monitoring.Model.Import;

/// <summary>
/// The Chinese words the county's ledgers use for a member's relation, labour capacity, school stage and health, and
/// their English names in the API (camelCase), from the catalogue (<see cref="Names"/>). A parser accepts the label shown,
/// its usual variants and the API name.
/// </summary>
public static class MemberLabels
{
    public static readonly EnumNames<Relation> Relations = Names.Relations;

    public static readonly EnumNames<LabourCapacity> LabourCapacities = Names.LabourCapacities;

    public static readonly EnumNames<SchoolStage> SchoolStages = Names.SchoolStages;

    public static readonly EnumNames<HealthState> HealthStates = Names.HealthStates;

    public static string SexLabel(Sex sex) => Names.Sexes.Label(sex);

    /// <summary>The API's name of a value: <c>childInLaw</c>.</summary>
    public static string ApiName<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
