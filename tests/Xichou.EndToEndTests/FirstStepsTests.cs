using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Xichou.EndToEndTests;

/// <summary>
/// What <c>./run.sh</c> prints for a newcomer to paste works: the text comes from <c>scripts/first-steps.sh</c> (run.sh
/// shows its output), and this test runs exactly that text with bash and curl against the running platform.
/// </summary>
public sealed class FirstStepsTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_register_example_run_sh_prints_signs_in_and_registers_a_household_when_pasted()
    {
        var root = RepositoryRoot();
        var runScript = await File.ReadAllTextAsync(Path.Combine(root, "run.sh"), TestContext.Current.CancellationToken);
        Assert.Contains("scripts/first-steps.sh \"$gateway_port\"", runScript, StringComparison.Ordinal);
        var port = platform.GatewayAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var printed = await RunAsync(root, "bash", ["scripts/first-steps.sh", port], standardInput: null);
        Assert.Contains($"http://localhost:{port}/auth/token", printed, StringComparison.Ordinal);

        // As pasted into a shell: the text on standard input of a plain bash.
        var output = await RunAsync(root, "bash", [], standardInput: printed);

        using var registered = JsonDocument.Parse(output);
        var id = registered.RootElement.GetProperty("id").GetGuid();
        Assert.Equal("532623101012", registered.RootElement.GetProperty("villageCode").GetString());
        using var monitoring = await platform.CreateGatewayClientAsync("poverty-office");
        using var stored = await monitoring.GetAsync($"/monitoring/api/households/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
    }

    private static async Task<string> RunAsync(string directory, string program, string[] arguments, string? standardInput)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
        return await output;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "run.sh")) && File.Exists(Path.Combine(directory.FullName, "Xichou.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("run.sh not found above the test assembly.");
    }
}
