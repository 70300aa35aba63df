namespace Xichou.ArchitectureTests;

/// <summary>
/// docker-compose.yml cannot run here (no Docker engine), so its contract is checked as data: every
/// service project of Xichou.sln has an entry that runs it on SQL Server and the broker.
/// </summary>
public class DockerComposeTests
{
    public static TheoryData<string> DeployedServices => new(Repository.DeployedProjects.Select(p => p.ServiceName));

    public static TheoryData<string> ServicesWithADatabase => new(Repository.ServiceProjects.Select(Repository.ServiceNameOf));

    [Theory]
    [MemberData(nameof(DeployedServices))]
    public void Every_service_project_has_a_compose_service_that_builds_or_pulls_it(string service)
    {
        var entry = ComposeFile.Load().Service(service);

        Assert.True(entry is not null, $"docker-compose.yml has no service '{service}'");
        Assert.True(entry.Children.ContainsKey("build") || ComposeFile.Image(entry) is not null, $"'{service}' has neither build nor image");
    }

    [Theory]
    [MemberData(nameof(ServicesWithADatabase))]
    public void Service_is_configured_for_SQL_Server_and_the_broker(string service)
    {
        var compose = ComposeFile.Load();
        var entry = compose.Service(service);
        Assert.True(entry is not null, $"docker-compose.yml has no service '{service}'");
        var environment = ComposeFile.Environment(entry);

        Assert.Equal("SqlServer", environment.GetValueOrDefault("Database__Provider"));

        var database = environment.GetValueOrDefault($"ConnectionStrings__{service}-db");
        Assert.False(string.IsNullOrWhiteSpace(database), $"'{service}' has no ConnectionStrings__{service}-db");
        var sqlServer = ComposeFile.SqlServerHost(database);
        Assert.True(sqlServer is not null, $"ConnectionStrings__{service}-db names no server: {database}");
        Assert.Contains("mssql", ImageOf(compose, sqlServer), StringComparison.Ordinal);

        var broker = environment.GetValueOrDefault("ConnectionStrings__rabbitmq");
        Assert.False(string.IsNullOrWhiteSpace(broker), $"'{service}' has no ConnectionStrings__rabbitmq");
        var rabbitMq = ComposeFile.AmqpHost(broker);
        Assert.True(rabbitMq is not null, $"ConnectionStrings__rabbitmq is not an amqp:// URI: {broker}");
        Assert.Contains("rabbitmq", ImageOf(compose, rabbitMq), StringComparison.Ordinal);
    }

    [Fact]
    public void Gateway_keeps_its_users_on_SQL_Server()
    {
        var compose = ComposeFile.Load();
        var environment = ComposeFile.Environment(compose.Service("gateway")!);

        Assert.Equal("SqlServer", environment.GetValueOrDefault("Database__Provider"));
        var database = environment.GetValueOrDefault("ConnectionStrings__gateway-db");
        Assert.False(string.IsNullOrWhiteSpace(database), "'gateway' has no ConnectionStrings__gateway-db");
        var sqlServer = ComposeFile.SqlServerHost(database);
        Assert.True(sqlServer is not null, $"ConnectionStrings__gateway-db names no server: {database}");
        Assert.Contains("mssql", ImageOf(compose, sqlServer), StringComparison.Ordinal);
    }

    /// <summary>
    /// Compose refuses to start without the keys (<c>${VAR:?message}</c>), so no default key can exist; only the
    /// gateway gets the private one.
    /// </summary>
    [Fact]
    public void Gateway_signs_with_keys_compose_requires_from_the_environment()
    {
        var environment = ComposeFile.Environment(ComposeFile.Load().Service("gateway")!);

        Assert.StartsWith("${XICHOU_AUTH_SIGNING_KEY:?", environment.GetValueOrDefault("Auth__SigningKey"), StringComparison.Ordinal);
        Assert.StartsWith("${XICHOU_AUTH_PUBLIC_KEY:?", environment.GetValueOrDefault("Auth__PublicKey"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ServicesWithADatabase))]
    public void Service_checks_tokens_with_the_public_key_only(string service)
    {
        var environment = ComposeFile.Environment(ComposeFile.Load().Service(service)!);

        Assert.StartsWith("${XICHOU_AUTH_PUBLIC_KEY:?", environment.GetValueOrDefault("Auth__PublicKey"), StringComparison.Ordinal);
        Assert.DoesNotContain(environment.Keys, key => key.Contains("SigningKey", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Env_example_names_the_keys_but_holds_none()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, ".env.example"));

        Assert.Contains("XICHOU_AUTH_SIGNING_KEY=", lines);
        Assert.Contains("XICHOU_AUTH_PUBLIC_KEY=", lines);
        Assert.Contains(lines, line => line.Contains("openssl ecparam -name prime256v1", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("-----BEGIN", StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_runs_SQL_Server_and_RabbitMQ_with_its_management_plugin()
    {
        var compose = ComposeFile.Load();
        var images = compose.ServiceNames.Select(name => ComposeFile.Image(compose.Service(name)!) ?? "").ToList();

        Assert.Contains(images, image => image.Contains("mssql/server", StringComparison.Ordinal));
        Assert.Contains(images, image => image.Contains("rabbitmq", StringComparison.Ordinal) && image.Contains("management", StringComparison.Ordinal));
    }

    /// <summary>The image of the compose service a connection string points at; a host that is not a compose service fails.</summary>
    private static string ImageOf(ComposeFile compose, string host)
    {
        var entry = compose.Service(host);
        Assert.True(entry is not null, $"'{host}' is not a service of docker-compose.yml");
        return ComposeFile.Image(entry) ?? "";
    }
}
