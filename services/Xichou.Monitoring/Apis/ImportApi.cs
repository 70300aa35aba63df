using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Import;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

/// <summary>Importing the register from the county's Excel template (台账导入).</summary>
public static class ImportApi
{
    public const string TemplateFileName = "边缘易致贫户导入模板.xlsx";

    public static RouteGroupBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households/import").WithTags("Households");
        api.MapGet("/template", Template)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("HouseholdImportTemplate")
            .WithSummary("The .xlsx import template: one row per member, Chinese headers, an example household.");
        api.MapPost("/", Import)
            .RequireAuthorization(Policies.WriteHouseholds)
            // Scripts call with a bearer token and no cookie; a browser's post must carry the antiforgery token (the import
            // page posts to itself with its own). The framework's check would refuse the scripts too.
            .DisableAntiforgery()
            .RequireAntiforgeryFromBrowsers()
            .WithName("ImportHouseholds")
            .WithSummary("Imports households with members from the template (multipart field 'file'), all or nothing: any error is a 400 listing every error (row, column, message) and nothing is stored. "
                + "A file over Policy:Monitoring:ImportMaxRows rows, a zip that inflates too far, formulas or not an .xlsx is a 400 on 'file' before its rows are read; "
                + "one import at a time per replica (429 while another runs); a browser's post needs the antiforgery token.");
        api.MapGet("/{importId}/progress", Progress)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("HouseholdImportProgress")
            .WithSummary("How far the caller's running import is (per replica: poll the replica that runs it).");
        return api;
    }

    public static FileContentHttpResult Template() =>
        TypedResults.File(HouseholdImport.Template(), HouseholdsApi.XlsxContentType, TemplateFileName);

    public static async Task<Results<Ok<ImportResult>, BadRequest<ImportRejection>, ValidationProblem, ProblemHttpResult>> Import(
        IFormFile? file, string? importId, ClaimsPrincipal user, ServiceSecurity security, HouseholdImporter importer,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (file is null || file.Length == 0)
        {
            errors.Add("file", "请选择要导入的 .xlsx 文件", "A non-empty .xlsx file is required in the 'file' field.");
        }
        if (importId is not null && !ImportProgressStore.IsValidId(importId))
        {
            errors.Add("importId", "导入编号只能由字母、数字、-、_ 组成，最长64位", "The import id is 1-64 letters, digits, '-' or '_'.");
        }
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        // MiniExcel reads a seekable stream; the form has buffered the upload already.
        using var xlsx = new MemoryStream((int)file!.Length);
        await file.CopyToAsync(xlsx, cancellationToken);
        xlsx.Position = 0;
        var outcome = await importer.ImportAsync(xlsx, security.JurisdictionOf(user), Actor.Of(user), importId, cancellationToken);
        return outcome switch
        {
            ImportOutcome.Stored stored => TypedResults.Ok(new ImportResult(stored.Households, stored.Members)),
            ImportOutcome.Refused refused => TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["file"] = [Bilingual.Message(refused.Why.Chinese, refused.Why.English)] },
                title: Bilingual.Message("文件未导入", "The file was not imported.")),
            ImportOutcome.Busy => TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                title: ImportOutcome.BusyTitle, detail: ImportOutcome.BusyDetail),
            ImportOutcome.Limited limited => DuplicateIdNumbers.Problem(new DuplicateAnswer.Limited(limited.Window), "file"),
            ImportOutcome.Rejected rejected => TypedResults.BadRequest(new ImportRejection(
                Bilingual.Message($"文件有{rejected.Errors.Count}处错误，未导入任何农户", $"The file has {rejected.Errors.Count} errors; nothing was imported."),
                rejected.Errors)),
            _ => throw new InvalidOperationException($"Unhandled outcome {outcome}."),
        };
    }

    public static Results<Ok<ImportProgress>, NotFound> Progress(string importId, ClaimsPrincipal user, ImportProgressStore progress) =>
        progress.Get(importId, Actor.Of(user).UserName) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();
}

public sealed record ImportResult(int Households, int Members);

public sealed record ImportRejection(string Title, IReadOnlyList<ImportError> Errors);
