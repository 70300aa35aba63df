using Microsoft.AspNetCore.Mvc;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Http;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Xichou.Gateway.Proxy;

/// <summary>
/// YARP answers a service it could not reach with an empty 502, 503 or 504. The caller gets instead one answer: 503
/// <c>application/problem+json</c> naming the service in Chinese and English, with Retry-After, as soon as the
/// gateway knows (a refused connection, a service taken out of routing by the probe, or a request timed out).
/// </summary>
public static class ServiceUnavailable
{
    public const int RetryAfterSeconds = 5;

    public static IReverseProxyApplicationBuilder UseServiceUnavailableProblems(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            await next();
            var error = context.GetForwarderErrorFeature();
            if (error is null || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested
                || context.Response.StatusCode is not (StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout))
            {
                return;
            }
            var service = context.GetReverseProxyFeature().Route.Config.ClusterId ?? "";
            await WriteAsync(context, service, error.Error);
        });
        return proxy;
    }

    public static ProblemDetails Problem(string service)
    {
        var name = Departments.Find(service)?.Name ?? service;
        return new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = Bilingual.Message($"{name}服务暂时不可用，请稍后再试", $"The {service} service is unavailable; try again later."),
            Extensions = { ["service"] = service },
        };
    }

    private static async Task WriteAsync(HttpContext context, string service, ForwarderError error)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problem = Problem(service);
        problem.Detail = error switch
        {
            ForwarderError.NoAvailableDestinations => Bilingual.Message("网关探测到该服务已停止响应", "The gateway's probe finds the service not answering."),
            ForwarderError.RequestTimedOut => Bilingual.Message("该服务未在时限内响应", "The service did not answer in time."),
            _ => Bilingual.Message("网关无法连接该服务", "The gateway could not reach the service."),
        };
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
