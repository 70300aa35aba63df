namespace Xichou.DepartmentKit.Components;

/// <summary>One household as a list page shows it; the ID number is already masked.</summary>
public sealed record HouseholdRow(string Code, string TownshipCode, string? VillageCode, string Village, string HeadName, string MaskedIdNumber);
