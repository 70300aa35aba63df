using Xichou.AppHost.Extensions;
using Xichou.Contracts;

var builder = DistributedApplication.CreateBuilder(args);
builder.AddResourceLogFiles();

var rabbitmq = builder.AddMessageBroker();
var keys = builder.AddAuthKeys();

IResourceBuilder<ProjectResource>[] consumers =
[
    builder.AddPlatformService<Projects.Xichou_Housing>(ServiceNames.Housing, rabbitmq, keys),
    builder.AddPlatformService<Projects.Xichou_Agriculture>(ServiceNames.Agriculture, rabbitmq, keys),
    builder.AddPlatformService<Projects.Xichou_Employment>(ServiceNames.Employment, rabbitmq, keys),
    builder.AddPlatformService<Projects.Xichou_Education>(ServiceNames.Education, rabbitmq, keys),
    builder.AddPlatformService<Projects.Xichou_Water>(ServiceNames.Water, rabbitmq, keys),
    builder.AddPlatformService<Projects.Xichou_Insurance>(ServiceNames.Insurance, rabbitmq, keys),
    builder.AddPlatformService<Projects.Xichou_CommandCentre>(ServiceNames.CommandCentre, rabbitmq, keys),
];

// Monitoring publishes HouseholdRegistered; it starts only once every consumer's queue is bound, so the
// first event is not dropped by an exchange with no queue behind it.
var monitoring = builder.AddPlatformService<Projects.Xichou_Monitoring>(ServiceNames.Monitoring, rabbitmq, keys)
    .WaitForAll(consumers);

builder.AddGateway<Projects.Xichou_Gateway>([monitoring, .. consumers], keys);

builder.Build().Run();
