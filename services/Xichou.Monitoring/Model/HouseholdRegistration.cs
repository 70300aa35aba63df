using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Monitoring.Model;

/// <summary>A household to register; its township follows from the village committee's code.</summary>
public sealed record RegisterHouseholdRequest(string? VillageCode, string? HeadName, string? HeadIdNumber);

public abstract record RegistrationOutcome
{
    public sealed record Registered(Household Household) : RegistrationOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : RegistrationOutcome;

    public sealed record Duplicate(string ExistingHouseholdCode) : RegistrationOutcome;
}

/// <summary>
/// Registering a household: the one code path behind the API, the Excel import and the benchmark.
/// The household and its <see cref="HouseholdRegistered"/> event are saved in one transaction.
/// </summary>
public static class HouseholdRegistration
{
    public const int MaxNameLength = 64;

    public static ValidationErrors Validate(RegisterHouseholdRequest request)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.VillageCode))
        {
            errors.Add("villageCode", "村委会必填", "The village is required.");
        }
        else if (!Villages.IsKnown(request.VillageCode))
        {
            errors.Add("villageCode", "不是西畴县的村委会代码", "Not a village committee code of Xichou County.");
        }
        RequireText(errors, "headName", request.HeadName, "户主姓名", "The head of household's name");
        var idError = IdNumber.Validate(request.HeadIdNumber);
        if (idError is not null)
        {
            var (chinese, english) = idError switch
            {
                IdNumberError.Missing => ("户主身份证号必填", "The head of household's ID number is required."),
                IdNumberError.WrongLength => ("身份证号应为18位", "An ID number has 18 characters."),
                IdNumberError.NotDigits => ("身份证号前17位应为数字，末位为数字或X", "An ID number is 17 digits and a digit or X."),
                IdNumberError.BadBirthDate => ("身份证号中的出生日期无效", "The birth date in the ID number is not a date."),
                _ => ("身份证号校验码不正确", "The ID number's check digit is wrong (GB 11643)."),
            };
            errors.Add("headIdNumber", chinese, english);
        }
        return errors;
    }

    /// <summary>Registers one household in its own transaction; a registered ID number comes back as <see cref="RegistrationOutcome.Duplicate"/>.</summary>
    public static async Task<RegistrationOutcome> RegisterAsync(
        MonitoringDbContext db, RegisterHouseholdRequest request, Actor actor, TimeProvider time, CancellationToken cancellationToken,
        string? traceParent = null)
    {
        var errors = Validate(request);
        if (!errors.IsEmpty)
        {
            return new RegistrationOutcome.Invalid(errors.ToDictionary());
        }

        var household = Stage(db, request, actor, time.GetUtcNow(), traceParent);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index on the ID number is the check: the registration rolled back whole (no outbox
            // row), and the household already holding the number is named.
            db.ChangeTracker.Clear();
            var winner = await db.Households.Where(h => h.HeadIdNumber == request.HeadIdNumber)
                .Select(h => h.Code).FirstOrDefaultAsync(cancellationToken);
            if (winner is null)
            {
                throw;
            }
            return new RegistrationOutcome.Duplicate(winner);
        }
        return new RegistrationOutcome.Registered(household);
    }

    /// <summary>
    /// Adds a validated registration, its <see cref="HouseholdRegistered"/> event and its audit line to
    /// <paramref name="db"/>, unsaved.
    /// </summary>
    internal static Household Stage(MonitoringDbContext db, RegisterHouseholdRequest request, Actor actor, DateTimeOffset now, string? traceParent)
    {
        var household = Household.Register(request.VillageCode!, request.HeadName!.Trim(), request.HeadIdNumber!, now);
        db.Households.Add(household);
        db.AddIntegrationEvent(household.ToRegisteredEvent(), traceParent);
        db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, household.Id, details: new
        {
            household.Code,
            household.VillageCode,
            household.HeadName,
            HeadIdNumber = IdNumber.Mask(household.HeadIdNumber),
        }));
        return household;
    }

    private static void RequireText(ValidationErrors errors, string field, string? value, string chinese, string english)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{chinese}必填", $"{english} is required.");
        }
        else if (value.Trim().Length > MaxNameLength)
        {
            errors.Add(field, $"{chinese}不能超过{MaxNameLength}个字", $"{english} is at most {MaxNameLength} characters.");
        }
    }
}
