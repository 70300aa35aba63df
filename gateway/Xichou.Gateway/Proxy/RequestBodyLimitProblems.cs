using Xichou.ServiceDefaults.Http;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Xichou.Gateway.Proxy;

/// <summary>
/// A request body over the service's limit (the route's <c>MaxRequestBodySize</c>, see
/// <see cref="ProxyOptions.MaxRequestBodyBytes"/>) is answered by the gateway with the services' own 413 problem, in
/// Chinese and English with the limit, naming the service (<c>"service"</c>): at once when the declared length says so,
/// or when the gateway's server stops reading a longer chunked body. The service then never receives more than its
/// limit, so it never closes a connection mid-upload (which YARP would report as the service failing).
/// </summary>
public static class RequestBodyLimitProblems
{
    public static IReverseProxyApplicationBuilder UseRequestBodyLimitProblems(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            var route = context.GetReverseProxyFeature().Route.Config;
            var limit = route.MaxRequestBodySize;
            if (limit > 0 && context.Request.ContentLength > limit)
            {
                await TooLarge(limit, route.ClusterId).ExecuteAsync(context);
                return;
            }
            await next();
            // YARP answers a body the gateway's server refused to read on with that refusal's status and no body.
            if (context.GetForwarderErrorFeature()?.Error == ForwarderError.RequestBodyClient
                && context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge
                && !context.Response.HasStarted)
            {
                await TooLarge(limit, route.ClusterId).ExecuteAsync(context);
            }
        });
        return proxy;
    }

    /// <summary>The services' 413 problem, naming the service whose limit it is.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge(long? limit, string? service)
    {
        var problem = BadRequestProblems.TooLarge(limit);
        problem.ProblemDetails.Extensions["service"] = service;
        return problem;
    }
}
