using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xichou.Housing.Infrastructure;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.UnitTests.Messaging;

public class MessagingDefaultsTests
{
    [Fact]
    public void A_services_bus_sends_no_usage_telemetry_to_MassTransit()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = "amqp://guest:guest@127.0.0.1:5672",
        });

        builder.AddServiceMessaging<HousingDbContext>("housing");

        using var services = builder.Services.BuildServiceProvider();
        Assert.False(services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }
}
