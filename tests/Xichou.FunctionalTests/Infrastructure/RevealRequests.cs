using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Infrastructure;

/// <summary>A GET that asks to see full values: the <c>?reveal=…</c> query with the header a link cannot set.</summary>
public static class RevealRequests
{
    public static HttpRequestMessage Get(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add(PersonalData.RevealHeader, "1");
        return request;
    }

    public static Task<HttpResponseMessage> RevealAsync(this HttpClient client, string url, CancellationToken cancellationToken) =>
        client.SendAsync(Get(url), cancellationToken);
}
