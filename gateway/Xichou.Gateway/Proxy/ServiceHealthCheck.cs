using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Http;
using Yarp.ReverseProxy;

namespace Xichou.Gateway.Proxy;

/// <summary>
/// One check per proxied service in the gateway's <c>/health</c>: the service's own <c>/health</c> at the address its
/// route forwards to (the cluster's destination, as service discovery resolved it), with a short timeout. A service
/// that is down makes the gateway Degraded, not Unhealthy: the gateway still signs people in and serves the others.
/// </summary>
public sealed class ServiceHealthCheck(string service, IProxyStateLookup proxy, ServiceProbeClient probe, IOptions<ProxyOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var name = Departments.Find(service)?.Name ?? service;
        var data = new Dictionary<string, object> { ["service"] = service };
        if (!proxy.TryGetCluster(service, out var cluster) || cluster.Destinations.IsEmpty)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                Bilingual.Message($"{name}服务没有可用地址", $"The {service} service has no address."), data: data);
        }
        string? failure = null;
        foreach (var destination in cluster.Destinations.Values)
        {
            var address = new Uri(new Uri(destination.Model.Config.Address.TrimEnd('/') + "/"), "health");
            data["address"] = address.GetLeftPart(UriPartial.Authority);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.HealthCheckTimeout);
            try
            {
                using var response = await probe.Client.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return HealthCheckResult.Healthy(Bilingual.Message($"{name}服务正常", $"The {service} service is healthy."), data);
                }
                failure = $"/health {(int)response.StatusCode}";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {options.Value.HealthCheckTimeout.TotalSeconds:0.#} s";
            }
            catch (HttpRequestException e)
            {
                failure = e.HttpRequestError.ToString();
            }
        }
        data["error"] = failure ?? "";
        return new HealthCheckResult(context.Registration.FailureStatus,
            Bilingual.Message($"{name}服务不可用", $"The {service} service is down ({failure})."), data: data);
    }
}

/// <summary>The client the health checks probe with: no retries, no resilience pipeline, a short connect timeout.</summary>
public sealed class ServiceProbeClient : IDisposable
{
    public ServiceProbeClient(IOptions<ProxyOptions> options) =>
        Client = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = options.Value.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            UseProxy = false,
            AllowAutoRedirect = false,
        })
        { Timeout = Timeout.InfiniteTimeSpan };

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}
