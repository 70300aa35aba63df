namespace Xichou.Agriculture.Policy;

/// <summary>
/// What one application may get under 措施四 (按照奖补资金不超过该户产业发展成本资金的50%进行奖补, 户补助资金最高不超过3000元), given what
/// the household already holds under the cap.
/// </summary>
/// <param name="ShareOfCostYuan">50 % of the cost, rounded half-up to the fen.</param>
/// <param name="CommittedYuan">What the household's other applications hold under the cap (applied, approved or paid).</param>
/// <param name="HeadroomBeforeYuan">The cap less <paramref name="CommittedYuan"/>.</param>
/// <param name="SubsidyYuan">The smaller of the share and the headroom; 0 when refused.</param>
/// <param name="HeadroomAfterYuan">What is left under the cap once this application holds its subsidy.</param>
/// <param name="Cut">The share was more than the headroom, so the subsidy is the headroom.</param>
/// <param name="Refused">No headroom left: the household has had the cap.</param>
public sealed record SubsidyQuote(
    decimal ShareOfCostYuan, decimal CommittedYuan, decimal HeadroomBeforeYuan, decimal SubsidyYuan, decimal HeadroomAfterYuan, bool Cut, bool Refused);

/// <summary>措施四's subsidy as plain functions of the cost, what the household already holds and the policy in force.</summary>
public static class SubsidyRules
{
    /// <summary>Yuan to the fen, half-up (四舍五入): 2999.995 → 3000.00.</summary>
    public static decimal Fen(decimal yuan) => decimal.Round(yuan, 2, MidpointRounding.AwayFromZero);

    public static decimal HeadroomYuan(decimal committedYuan, AgriculturePolicy policy) =>
        Math.Max(0m, policy.SubsidyCapPerHouseholdYuan - committedYuan);

    /// <summary>min(50 % of the cost, the cap less what the household's other applications hold).</summary>
    public static SubsidyQuote Quote(decimal costYuan, decimal committedYuan, AgriculturePolicy policy)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(costYuan);
        var share = Fen(costYuan * policy.SubsidyShareOfCost);
        var headroom = HeadroomYuan(committedYuan, policy);
        if (headroom <= 0m)
        {
            return new SubsidyQuote(share, committedYuan, 0m, 0m, 0m, Cut: false, Refused: true);
        }
        var subsidy = Math.Min(share, headroom);
        return new SubsidyQuote(share, committedYuan, headroom, subsidy, headroom - subsidy, Cut: share > headroom, Refused: false);
    }

    /// <summary>The cap's name on the household ledger: 产业发展补助每户累计3000元.</summary>
    public static string CapName(AgriculturePolicy policy) => $"产业发展补助每户累计{Yuan(policy.SubsidyCapPerHouseholdYuan)}元";

    /// <summary>3000, 2999.99: yuan as the pages write them.</summary>
    public static string Yuan(decimal yuan) =>
        (yuan == decimal.Truncate(yuan) ? decimal.Truncate(yuan) : Fen(yuan)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
