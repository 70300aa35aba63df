using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Xichou.ArchitectureTests;

/// <summary>
/// The production deployment's security as data (no Docker engine here): one SQL login per service with rights on its own
/// database only, created by a one-shot init container from a script that parses as T-SQL; <c>sa</c> nowhere else; TLS
/// at a proxy that is the only published entry; every secret compose needs named in .env.example and none committed.
/// </summary>
public partial class ProductionComposeTests
{
    private const string Init = "sqlserver-init";

    /// <summary>Every service with a database, and the gateway.</summary>
    public static TheoryData<string> DatabaseUsers => new(Repository.ServiceProjects.Select(Repository.ServiceNameOf).Append("gateway"));

    private static string InitScriptPath => Path.Combine(Repository.Root, "deploy", "sqlserver", "init.sql");

    private static string DatabaseOf(string service) => "xichou_" + service.Replace('-', '_');

    private static string PasswordVariableOf(string service) => service.ToUpperInvariant().Replace('-', '_') + "_DB_PASSWORD";

    [Theory]
    [MemberData(nameof(DatabaseUsers))]
    public void Service_connects_as_its_own_login_to_its_own_database(string service)
    {
        var environment = ComposeFile.Environment(ComposeFile.Load().Service(service)!);
        var connection = new DbConnectionStringBuilder { ConnectionString = environment[$"ConnectionStrings__{service}-db"] };

        Assert.Equal(DatabaseOf(service), connection["Database"]);
        Assert.Equal(DatabaseOf(service), connection["User Id"]);
        Assert.StartsWith($"${{{PasswordVariableOf(service)}:?", (string)connection["Password"], StringComparison.Ordinal);
    }

    [Fact]
    public void Only_SQL_Server_and_its_init_container_know_the_sa_password()
    {
        var compose = ComposeFile.Load();
        foreach (var name in compose.ServiceNames.Where(n => n is not "sqlserver" and not Init))
        {
            foreach (var (key, value) in ComposeFile.Environment(compose.Service(name)!))
            {
                Assert.False(value.Contains("MSSQL_SA_PASSWORD", StringComparison.Ordinal), $"'{name}' gets the sa password in {key}");
                Assert.False(SaLogin().IsMatch(value), $"'{name}' connects as sa in {key}");
            }
        }
        Assert.Contains("MSSQL_SA_PASSWORD", ComposeFile.Environment(compose.Service(Init)!).Keys);
    }

    [Theory]
    [MemberData(nameof(DatabaseUsers))]
    public void Service_starts_only_after_the_init_container_succeeded(string service)
    {
        var compose = ComposeFile.Load();

        Assert.Equal("service_completed_successfully", ComposeFile.DependsOn(compose.Service(service)!).GetValueOrDefault(Init));
        Assert.Equal("service_healthy", ComposeFile.DependsOn(compose.Service(Init)!).GetValueOrDefault("sqlserver"));
        Assert.Contains(ComposeFile.List(compose.Service(Init)!, "volumes"), v => v.StartsWith("./deploy/sqlserver/init.sql:", StringComparison.Ordinal));
    }

    [Fact]
    public void Init_script_is_valid_T_SQL()
    {
        var script = TransactSql.WithSqlCmdVariables(File.ReadAllText(InitScriptPath), "Placeholder#2026");

        var errors = TransactSql.Errors(script);

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    /// <summary>The password variables the script uses are exactly those the init container is given, each from .env.</summary>
    [Fact]
    public void Init_script_reads_each_password_the_init_container_is_given()
    {
        var initEnvironment = ComposeFile.Environment(ComposeFile.Load().Service(Init)!);

        var used = TransactSql.SqlCmdVariables(File.ReadAllText(InitScriptPath));

        Assert.Equal(DatabaseUsers.Select(row => PasswordVariableOf((string)row.Data)).Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
        foreach (var variable in used)
        {
            Assert.StartsWith($"${{{variable}:?", initEnvironment.GetValueOrDefault(variable), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(DatabaseUsers))]
    public void Init_script_makes_the_login_db_owner_of_its_own_database_only(string service)
    {
        var grants = Grants.Of(TransactSql.Parse(TransactSql.WithSqlCmdVariables(File.ReadAllText(InitScriptPath), "Placeholder#2026")));
        var database = DatabaseOf(service);

        Assert.Contains(database, grants.Databases);
        Assert.Contains(database, grants.Logins);
        Assert.Contains((database, database, database), grants.Users);
        Assert.Equal([(database, "db_owner", database)], grants.RoleMembers.Where(m => m.Member == database));
    }

    [Fact]
    public void Init_script_grants_no_server_role_and_nothing_but_db_owner()
    {
        var grants = Grants.Of(TransactSql.Parse(TransactSql.WithSqlCmdVariables(File.ReadAllText(InitScriptPath), "Placeholder#2026")));

        Assert.Empty(grants.Other);
        Assert.All(grants.RoleMembers, m => Assert.Equal("db_owner", m.Role));
        Assert.All(grants.RoleMembers, m => Assert.Equal(m.Database, m.Member));
    }

    [Fact]
    public void The_grant_reading_sees_a_login_made_sysadmin_or_owner_of_another_database()
    {
        var grants = Grants.Of(TransactSql.Parse("""
            USE [xichou_water];
            ALTER ROLE db_owner ADD MEMBER [xichou_housing];
            GO
            ALTER SERVER ROLE sysadmin ADD MEMBER [xichou_housing];
            GO
            """));

        Assert.Equal([("xichou_water", "db_owner", "xichou_housing")], grants.RoleMembers);
        Assert.Single(grants.Other);
    }

    /// <summary>Only the proxy is reachable from outside (the broker's management UI on the host's loopback aside).</summary>
    [Fact]
    public void Only_the_TLS_proxy_is_published()
    {
        var compose = ComposeFile.Load();
        var published = compose.ServiceNames
            .SelectMany(name => ComposeFile.List(compose.Service(name)!, "ports").Select(port => (name, port)))
            .Where(p => !p.port.StartsWith("127.0.0.1:", StringComparison.Ordinal))
            .ToList();

        Assert.Equal([("proxy", "80:80"), ("proxy", "443:443")], published);
        Assert.StartsWith("caddy:", ComposeFile.Image(compose.Service("proxy")!), StringComparison.Ordinal);
    }

    [Fact]
    public void The_proxy_serves_the_mounted_certificate_and_forwards_to_the_gateway_which_trusts_it()
    {
        var compose = ComposeFile.Load();
        var proxy = compose.Service("proxy")!;
        var caddyfile = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "caddy", "Caddyfile"));
        var volumes = ComposeFile.List(proxy, "volumes");

        Assert.Contains(volumes, v => v.StartsWith("./deploy/caddy/Caddyfile:/etc/caddy/Caddyfile", StringComparison.Ordinal));
        Assert.Contains(volumes, v => v.EndsWith("/tls.crt:/certs/tls.crt:ro", StringComparison.Ordinal));
        Assert.Contains(volumes, v => v.EndsWith("/tls.key:/certs/tls.key:ro", StringComparison.Ordinal));
        Assert.Matches(@"(?m)^\s*tls /certs/tls\.crt /certs/tls\.key\s*$", caddyfile);
        Assert.Matches(@"(?m)^\s*reverse_proxy gateway:8080\s*$", caddyfile);
        Assert.Matches(@"(?m)^\{\$XICHOU_HOSTNAME\} \{", caddyfile);
        // Redirects from HTTP stay on: only certificate automation is off.
        Assert.Matches(@"(?m)^\s*auto_https disable_certs\s*$", caddyfile);
        // The gateway believes X-Forwarded-* from the proxy's fixed address alone (Gateway:TrustedProxies), not from anyone.
        var gateway = ComposeFile.Environment(compose.Service("gateway")!);
        Assert.False(gateway.ContainsKey("ForwardedHeaders__TrustAllProxies"));
        Assert.Equal("172.30.0.2", gateway.GetValueOrDefault("Gateway__TrustedProxies__0"));
        Assert.Contains("ipv4_address: 172.30.0.2", File.ReadAllText(ComposeFile.Path), StringComparison.Ordinal);
    }

    [Fact]
    public void The_gateway_gets_a_certificate_to_encrypt_its_data_protection_keys()
    {
        var gateway = ComposeFile.Load().Service("gateway")!;
        var environment = ComposeFile.Environment(gateway);

        var path = environment.GetValueOrDefault("DataProtection__CertificatePath");
        Assert.False(string.IsNullOrEmpty(path));
        Assert.Contains(ComposeFile.List(gateway, "volumes"), v => v.EndsWith($":{path}:ro", StringComparison.Ordinal));
        Assert.StartsWith("${XICHOU_DATA_PROTECTION_CERTIFICATE_PASSWORD:?", environment.GetValueOrDefault("DataProtection__CertificatePassword"), StringComparison.Ordinal);
    }

    /// <summary>Every variable compose requires (<c>${NAME:?...}</c>) is in .env.example, empty or a placeholder; no key or certificate is.</summary>
    [Fact]
    public void Env_example_names_every_required_variable_and_holds_no_secret()
    {
        var required = RequiredVariable().Matches(File.ReadAllText(ComposeFile.Path)).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, ".env.example"));
        var named = lines.Where(l => !l.StartsWith('#') && l.Contains('=', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);

        Assert.All(required, v => Assert.True(named.ContainsKey(v), $".env.example does not name {v}"));
        Assert.All(named.Where(p => p.Key.EndsWith("_PASSWORD", StringComparison.Ordinal) && p.Value.Length > 0),
            p => Assert.StartsWith("replace-with-", p.Value, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("-----BEGIN", StringComparison.Ordinal));
        Assert.Contains("/certs/", File.ReadAllLines(Path.Combine(Repository.Root, ".gitignore")));
    }

    [GeneratedRegex(@"(?i)(?:^|;)\s*(?:User Id|UID|User)\s*=\s*sa\s*(?:;|$)")]
    private static partial Regex SaLogin();

    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+):\?")]
    private static partial Regex RequiredVariable();

    /// <summary>What a script creates and grants, database by database (<c>USE</c> sets the one that follows).</summary>
    private sealed class Grants : TSqlFragmentVisitor
    {
        private string _database = "master";

        public List<string> Databases { get; } = [];
        public List<string> Logins { get; } = [];
        public List<(string Database, string User, string Login)> Users { get; } = [];
        public List<(string Database, string Role, string Member)> RoleMembers { get; } = [];

        /// <summary>Any other grant: server roles, GRANT, ALTER AUTHORIZATION.</summary>
        public List<string> Other { get; } = [];

        public static Grants Of(TSqlFragment script)
        {
            var grants = new Grants();
            script.Accept(grants);
            return grants;
        }

        public override void ExplicitVisit(UseStatement node) => _database = node.DatabaseName.Value;

        public override void ExplicitVisit(CreateDatabaseStatement node) => Databases.Add(node.DatabaseName.Value);

        public override void ExplicitVisit(CreateLoginStatement node) => Logins.Add(node.Name.Value);

        public override void ExplicitVisit(CreateUserStatement node) =>
            Users.Add((_database, node.Name.Value, (node.UserLoginOption?.Identifier?.Value) ?? ""));

        public override void ExplicitVisit(AlterRoleStatement node)
        {
            if (node.Action is AddMemberAlterRoleAction add)
            {
                RoleMembers.Add((_database, node.Name.Value, add.Member.Value));
            }
            else
            {
                Other.Add($"ALTER ROLE {node.Name.Value}");
            }
        }

        public override void ExplicitVisit(AlterServerRoleStatement node) => Other.Add($"ALTER SERVER ROLE {node.Name.Value}");

        public override void ExplicitVisit(GrantStatement node) => Other.Add("GRANT");

        public override void ExplicitVisit(AlterAuthorizationStatement node) => Other.Add("ALTER AUTHORIZATION");
    }
}
