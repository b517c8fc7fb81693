using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

public abstract partial record ConsentChange
{
    /// <summary>Free-text rules checked against every prompt.</summary>
    public sealed record SetRestrictions(string[] Rules) : ConsentChange
    {
        public override Decision<object> Decide(Cameo cameo, Guid by, ConsentChangeContext context, DateTimeOffset now)
        {
            var cleaned = Rules.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct().ToArray();
            if (cleaned.Length > ChangeCameoConsentDecider.MaxRules)
                return Decision<object>.Refuse(ErrorCodes.BadUserInput, $"At most {ChangeCameoConsentDecider.MaxRules} rules.", "rules");
            if (cleaned.Any(r => r.Length > ChangeCameoConsentDecider.MaxRuleLength))
                return Decision<object>.Refuse(ErrorCodes.BadUserInput, $"A rule has at most {ChangeCameoConsentDecider.MaxRuleLength} characters.", "rules");
            return cleaned.SequenceEqual(cameo.Restrictions)
                ? Decision<object>.Accept()
                : Decision<object>.Accept(new CameoRestrictionsSet(cameo.Id, cleaned, cameo.RestrictionsVersion + 1, by, now));
        }
    }
}
