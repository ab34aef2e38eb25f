using System.Net;
using System.Net.Http.Headers;

namespace ApexFleet.Agent;

/// <summary>The registry's bytes over HTTP, fetched with resume (Range from where a cut download stopped, If-Range on its ETag).</summary>
public sealed class ArtifactFetcher(HttpClient http, int attempts = 4)
{
    public async Task<byte[]> FetchAsync(string url, CancellationToken cancellationToken)
    {
        using var received = new MemoryStream();
        EntityTagHeaderValue? etag = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url.TrimStart('/'));
                if (received.Length > 0 && etag is not null)
                {
                    request.Headers.Range = new RangeHeaderValue(received.Length, null);
                    request.Headers.IfRange = new RangeConditionHeaderValue(etag);
                }

                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    received.SetLength(0);
                }
                else if (response.StatusCode != HttpStatusCode.PartialContent)
                {
                    throw new HttpRequestException($"GET {url}: {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
                }

                etag = response.Headers.ETag;
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                await body.CopyToAsync(received, cancellationToken);
                return received.ToArray();
            }
            catch (Exception ex) when (attempt < attempts && ex is IOException or HttpRequestException { StatusCode: null or >= HttpStatusCode.InternalServerError })
            {
                // A cut connection or a silo restarting: keep what arrived and ask for the rest.
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
            }
        }
    }
}
