namespace Xichou.ServiceDefaults.Http;

/// <summary>
/// Validation messages are shown to county staff in Chinese and read by integrators in English:
/// every message carries both, Chinese first.
/// </summary>
public static class Bilingual
{
    public const string ValidationTitle = "请求数据有误 / One or more validation errors occurred.";

    public static string Message(string chinese, string english) => $"{chinese} / {english}";
}

/// <summary>Collects field errors keyed by the JSON field name, as ValidationProblem expects.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string chinese, string english)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(Bilingual.Message(chinese, english));
    }

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
