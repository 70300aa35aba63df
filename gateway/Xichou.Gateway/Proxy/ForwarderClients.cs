using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Xichou.Gateway.Proxy;

/// <summary>
/// YARP's client to the services: a connect timeout, so a port nobody answers fails in seconds; and a request in
/// flight to a service that the probe then finds dead is ended at once rather than left to the activity timeout. Under
/// the app host a dead service's port is still accepted by DCP's proxy, which holds the request: that is how a call to
/// a killed service used to hang for YARP's 100 s.
/// </summary>
public sealed class ForwarderClients(IOptions<ProxyOptions> options, IServiceProvider services) : ForwarderHttpClientFactory
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = options.Value.ConnectTimeout;
    }

    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
        new EndWhenDestinationDies(context.ClusterId, services, base.WrapHandler(context, handler));

    private sealed class EndWhenDestinationDies(string clusterId, IServiceProvider services, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var send = base.SendAsync(request, stop.Token);
            while (true)
            {
                var finished = await Task.WhenAny(send, Task.Delay(Poll, cancellationToken));
                if (finished == send || cancellationToken.IsCancellationRequested)
                {
                    return await send;
                }
                if (IsDead(request.RequestUri))
                {
                    await stop.CancelAsync();
                    try
                    {
                        // The response may have arrived meanwhile; otherwise the cancellation ends the send.
                        return await send;
                    }
                    catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new HttpRequestException(HttpRequestError.ConnectionError, $"The {clusterId} service stopped answering its probe.", e);
                    }
                }
            }
        }

        /// <summary>The destination this request goes to has been marked unhealthy by the active probe.</summary>
        private bool IsDead(Uri? target)
        {
            if (target is null || !services.GetRequiredService<IProxyStateLookup>().TryGetCluster(clusterId, out var cluster))
            {
                return false;
            }
            return cluster.Destinations.Values.Any(destination =>
                destination.Health.Active == DestinationHealth.Unhealthy
                && Uri.TryCreate(destination.Model.Config.Address, UriKind.Absolute, out var address)
                && address.Authority == target.Authority);
        }
    }
}
