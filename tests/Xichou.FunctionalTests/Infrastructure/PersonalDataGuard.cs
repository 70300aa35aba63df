using System.Text.RegularExpressions;
using Xichou.Contracts;

// Shared by the functional and end-to-end tests (linked into the latter), so one rule checks every body both read.
namespace Xichou.Testing;

/// <summary>
/// Fails the test whose response carries a full ID number it did not ask to see (<c>reveal=</c>): every client of
/// the suite goes through it, so masking is checked on every body the tests read.
/// </summary>
public sealed partial class PersonalDataGuard : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (mediaType.Contains("json", StringComparison.Ordinal) || mediaType.StartsWith("text/", StringComparison.Ordinal))
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var revealed = request.RequestUri?.Query.Contains("reveal=", StringComparison.Ordinal) == true;
            var full = FullIdNumbers(body).FirstOrDefault();
            if (full is not null && !revealed)
            {
                throw new InvalidOperationException(
                    $"{request.Method} {request.RequestUri} answered with a full ID number ({IdNumber.Mask(full)}) nobody asked to reveal.");
            }
        }
        return response;
    }

    public static IEnumerable<string> FullIdNumbers(string text) =>
        IdNumberPattern().Matches(text).Select(m => m.Value).Where(IdNumber.IsValid);

    [GeneratedRegex(@"(?<![0-9])[1-9][0-9]{16}[0-9X](?![0-9])")]
    private static partial Regex IdNumberPattern();
}
