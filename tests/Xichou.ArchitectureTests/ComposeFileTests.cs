namespace Xichou.ArchitectureTests;

/// <summary>The compose checks are only as good as the reading of the file: the forms compose allows are all read.</summary>
public class ComposeFileTests
{
    private const string Sample = """
        x-service: &service
          build: { context: ., dockerfile: services/Dockerfile }
          environment: &environment
            Database__Provider: SqlServer
            ConnectionStrings__rabbitmq: amqp://guest:${RABBITMQ_PASSWORD:-guest}@rabbitmq:5672
        services:
          sqlserver:
            image: mcr.microsoft.com/mssql/server:2022-latest
          rabbitmq:
            image: rabbitmq:3-management
          housing:
            <<: *service
          water:
            <<: *service
            environment:
              - Database__Provider=SqlServer
              - ConnectionStrings__water-db=Server=tcp:sqlserver,1433;Database=water;User Id=sa;Password=${SA_PASSWORD}
              - ConnectionStrings__rabbitmq=amqp://guest:guest@rabbitmq
          gateway:
            image: xichou/gateway
        """;

    [Fact]
    public void Merged_keys_are_read_from_the_anchor_and_own_keys_win()
    {
        var compose = ComposeFile.Parse(Sample);

        var housing = ComposeFile.Environment(compose.Service("housing")!);
        Assert.Equal("SqlServer", housing["Database__Provider"]);
        Assert.False(housing.ContainsKey("ConnectionStrings__water-db"));
        Assert.True(compose.Service("housing")!.Children.ContainsKey("<<"));

        var water = ComposeFile.Environment(compose.Service("water")!);
        Assert.Equal(3, water.Count);
        Assert.Equal("amqp://guest:guest@rabbitmq", water["ConnectionStrings__rabbitmq"]);
    }

    [Fact]
    public void Services_and_images_are_listed()
    {
        var compose = ComposeFile.Parse(Sample);

        Assert.Equal(["sqlserver", "rabbitmq", "housing", "water", "gateway"], compose.ServiceNames);
        Assert.Equal("rabbitmq:3-management", ComposeFile.Image(compose.Service("rabbitmq")!));
        Assert.Null(ComposeFile.Image(compose.Service("housing")!));
        Assert.Null(compose.Service("monitoring"));
    }

    [Theory]
    [InlineData("Server=tcp:sqlserver,1433;Database=water;User Id=sa;Password=x", "sqlserver")]
    [InlineData("Server=sql;Database=water", "sql")]
    [InlineData("Data Source=mssql,1433;Initial Catalog=water", "mssql")]
    [InlineData("Database=water;Server=db", "db")]
    [InlineData("Database=water", null)]
    public void SQL_Server_host_is_read_from_the_connection_string(string connectionString, string? host) =>
        Assert.Equal(host, ComposeFile.SqlServerHost(connectionString));

    [Theory]
    [InlineData("amqp://guest:guest@rabbitmq:5672", "rabbitmq")]
    [InlineData("amqp://guest:${RABBITMQ_PASSWORD:-guest}@broker:5672/", "broker")]
    [InlineData("amqp://rabbitmq", "rabbitmq")]
    [InlineData("rabbitmq:5672", null)]
    public void Broker_host_is_read_from_the_AMQP_URI(string uri, string? host) =>
        Assert.Equal(host, ComposeFile.AmqpHost(uri));
}
