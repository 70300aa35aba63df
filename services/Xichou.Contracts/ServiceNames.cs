namespace Xichou.Contracts;

/// <summary>
/// Resource names shared by the app host, the gateway, the services and the tests (kebab-case).
/// Each name is also the service's path prefix behind the gateway and its database file name; what each service is
/// (its bureau, measures, roles) is in <see cref="Departments"/>.
/// </summary>
public static class ServiceNames
{
    public const string Monitoring = "monitoring";
    public const string Housing = "housing";
    public const string Agriculture = "agriculture";
    public const string Employment = "employment";
    public const string Education = "education";
    public const string Water = "water";
    public const string Insurance = "insurance";
    public const string CommandCentre = "command-centre";
    public const string Gateway = "gateway";
    public const string RabbitMq = "rabbitmq";

    /// <summary>The services that keep their own copy of every registered household.</summary>
    public static readonly IReadOnlyList<string> HouseholdConsumers =
        [Housing, Agriculture, Employment, Education, Water, Insurance, CommandCentre];

    public static readonly IReadOnlyList<string> All = [Monitoring, .. HouseholdConsumers];
}
