namespace Xichou.TestKit;

/// <summary>
/// Import sheets as county staff make them, written by openpyxl rather than this project's writer
/// (TestKit/Files/make-county-sheets.py; the files are committed).
/// </summary>
public static class CountySheets
{
    /// <summary>A merged title row and a note row above the headers (header on row 3); one spouse's ID ends in a lower-case x.</summary>
    public const string TitleRow = "county-title-row.xlsx";

    /// <summary>A merged title row above the headers (header on row 2); every ID number typed as a number.</summary>
    public const string NumericIds = "county-numeric-ids.xlsx";

    /// <summary>The ID numbers in <see cref="TitleRow"/>, upper-case, rows 4 to 7.</summary>
    public static readonly IReadOnlyList<string> TitleRowIdNumbers =
        ["532623193604020114", "53262319370904012X", "532623201507080139", "532623193801200157"];

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestKit", "Files", name));
}
