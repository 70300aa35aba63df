using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Agriculture.Infrastructure;
using Xichou.CommandCentre.Infrastructure;
using Xichou.Contracts;
using Xichou.Education.Infrastructure;
using Xichou.Employment.Infrastructure;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Housing.Infrastructure;
using Xichou.Insurance.Infrastructure;
using Xichou.Monitoring.Infrastructure;
using Xichou.Water.Infrastructure;

[assembly: AssemblyFixture(typeof(Platform))]

namespace Xichou.FunctionalTests.Infrastructure;

/// <summary>
/// The eight services, each hosted once for the whole test run on one broker. Once only, because two
/// hosts of one service on one broker share its queue and would take each other's messages.
/// The broker is <c>ConnectionStrings__rabbitmq</c> from the environment (./test.sh starts one), or a
/// private node started here and stopped at the end, so that <c>dotnet test</c> alone works too.
/// </summary>
public sealed class Platform : IAsyncLifetime
{
    private RabbitMqNode? _ownBroker;
    private Dictionary<string, ServiceHost> _hosts = [];

    public string RabbitMqConnectionString { get; private set; } = "";

    public ServiceHost Monitoring => _hosts[ServiceNames.Monitoring];

    public ServiceHost this[string serviceName] => _hosts[serviceName];

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__rabbitmq");
        if (string.IsNullOrWhiteSpace(configured))
        {
            _ownBroker = await RabbitMqNode.StartAsync();
            RabbitMqConnectionString = _ownBroker.ConnectionString;
        }
        else
        {
            RabbitMqConnectionString = configured;
        }

        try
        {
            _hosts = await StartEveryServiceAsync(RabbitMqConnectionString);
        }
        catch
        {
            if (_ownBroker is not null)
            {
                await _ownBroker.DisposeAsync();
            }
            throw;
        }
    }

    /// <summary>
    /// The eight services in-process on one broker, each on its own SQLite file, by name; should one fail to start, those
    /// started are stopped again before the failure is rethrown.
    /// </summary>
    public static async Task<Dictionary<string, ServiceHost>> StartEveryServiceAsync(string rabbitMq)
    {
        var starting = new[]
        {
            ServiceHost.StartAsync<MonitoringDbContext>(ServiceNames.Monitoring, rabbitMq),
            ServiceHost.StartAsync<HousingDbContext>(ServiceNames.Housing, rabbitMq),
            ServiceHost.StartAsync<AgricultureDbContext>(ServiceNames.Agriculture, rabbitMq),
            ServiceHost.StartAsync<EmploymentDbContext>(ServiceNames.Employment, rabbitMq),
            ServiceHost.StartAsync<EducationDbContext>(ServiceNames.Education, rabbitMq),
            ServiceHost.StartAsync<WaterDbContext>(ServiceNames.Water, rabbitMq),
            ServiceHost.StartAsync<InsuranceDbContext>(ServiceNames.Insurance, rabbitMq),
            ServiceHost.StartAsync<CommandCentreDbContext>(ServiceNames.CommandCentre, rabbitMq),
        };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }
            throw;
        }
        var hosts = starting.Select(t => t.Result).ToDictionary(h => h.Name, StringComparer.Ordinal);
        if (!ServiceNames.All.Order(StringComparer.Ordinal).SequenceEqual(hosts.Keys.Order(StringComparer.Ordinal)))
        {
            throw new InvalidOperationException("The platform fixture does not host exactly the services in ServiceNames.All.");
        }
        return hosts;
    }

    /// <summary>
    /// Announces a registration on the real broker as the register's outbox does, with the given message id: published to
    /// all (the departments told about no member take it), and each department told about members sent its share (the head).
    /// </summary>
    public async Task PublishAsync(HouseholdRegistered message, Guid messageId)
    {
        var bus = Monitoring.Services.GetRequiredService<IBus>();
        var cancellation = TestContext.Current.CancellationToken;
        await bus.Publish(message, context => context.MessageId = messageId, cancellation);
        foreach (var department in Departments.All.Where(d => !d.MemberShare.IsEmpty))
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{department.MembersQueue}"));
            await endpoint.Send(TestData.MembersSharedFor(message, department), context => context.MessageId = messageId, cancellation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Values)
        {
            await host.DisposeAsync();
        }
        if (_ownBroker is not null)
        {
            await _ownBroker.DisposeAsync();
        }
    }
}
