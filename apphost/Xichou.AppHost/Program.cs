using Xichou.AppHost.Extensions;
using Xichou.Contracts;

var builder = DistributedApplication.CreateBuilder(args);
builder.AddResourceLogFiles();

var rabbitmq = builder.AddMessageBroker();

IResourceBuilder<ProjectResource>[] consumers =
[
    builder.AddPlatformService<Projects.Xichou_Housing>(ServiceNames.Housing, rabbitmq),
    builder.AddPlatformService<Projects.Xichou_Agriculture>(ServiceNames.Agriculture, rabbitmq),
    builder.AddPlatformService<Projects.Xichou_Employment>(ServiceNames.Employment, rabbitmq),
    builder.AddPlatformService<Projects.Xichou_Education>(ServiceNames.Education, rabbitmq),
    builder.AddPlatformService<Projects.Xichou_Water>(ServiceNames.Water, rabbitmq),
    builder.AddPlatformService<Projects.Xichou_Insurance>(ServiceNames.Insurance, rabbitmq),
    builder.AddPlatformService<Projects.Xichou_CommandCentre>(ServiceNames.CommandCentre, rabbitmq),
];

// Monitoring publishes HouseholdRegistered; it starts only once every consumer's queue is bound, so the
// first event is not dropped by an exchange with no queue behind it.
var monitoring = builder.AddPlatformService<Projects.Xichou_Monitoring>(ServiceNames.Monitoring, rabbitmq)
    .WaitForAll(consumers);

builder.AddGateway<Projects.Xichou_Gateway>([monitoring, .. consumers]);

builder.Build().Run();
