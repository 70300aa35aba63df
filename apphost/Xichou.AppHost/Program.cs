using Xichou.AppHost.Extensions;
using Xichou.Contracts;

var builder = DistributedApplication.CreateBuilder(args);
builder.AddResourceLogFiles();
builder.AddCrashRestarts();
builder.UseProgramsOwnParentWatch();

var rabbitmq = builder.AddMessageBroker();
var keys = builder.AddAuthKeys();

IResourceBuilder<BuiltProgramResource>[] consumers =
[
    builder.AddPlatformService<Projects.Xichou_Housing>(Departments.Housing, rabbitmq, keys),
    builder.AddPlatformService<Projects.Xichou_Agriculture>(Departments.Agriculture, rabbitmq, keys),
    builder.AddPlatformService<Projects.Xichou_Employment>(Departments.Employment, rabbitmq, keys),
    builder.AddPlatformService<Projects.Xichou_Education>(Departments.Education, rabbitmq, keys),
    builder.AddPlatformService<Projects.Xichou_Water>(Departments.Water, rabbitmq, keys),
    builder.AddPlatformService<Projects.Xichou_Insurance>(Departments.Insurance, rabbitmq, keys),
    builder.AddPlatformService<Projects.Xichou_CommandCentre>(Departments.CommandCentre, rabbitmq, keys),
];

// Monitoring publishes HouseholdRegistered; it starts only once every consumer's queue is bound, so the
// first event is not dropped by an exchange with no queue behind it.
var monitoring = builder.AddPlatformService<Projects.Xichou_Monitoring>(Departments.Monitoring, rabbitmq, keys)
    .WaitForAll(consumers);

builder.AddGateway<Projects.Xichou_Gateway>([monitoring, .. consumers], keys);

builder.Build().Run();
