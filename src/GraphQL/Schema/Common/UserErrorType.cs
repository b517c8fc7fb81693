using GraphQL.Types;
using Sora.Domain.Common;

namespace Sora.GraphQL.Schema.Common;

/// <summary>A user error in a mutation payload: something the person can fix by changing the input.</summary>
public sealed class UserErrorType : ObjectGraphType<Refusal>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "A problem with the input that the user can fix. Rights and existence problems are errors with extensions.code instead.";
        Field<NonNullGraphType<UserErrorCodeType>>("code").Resolve(ctx => ctx.Source.Code);
        Field(x => x.Message);
        Field(x => x.Field, nullable: true).Description("The input field at fault, if one is.");
    }
}

public sealed class UserErrorCodeType : EnumerationGraphType
{
    public UserErrorCodeType()
    {
        Name = "UserErrorCode";
        foreach (var code in new[]
                 {
                     ErrorCodes.BadUserInput, ErrorCodes.Conflict, ErrorCodes.InvalidHandle, ErrorCodes.HandleTaken,
                     ErrorCodes.InvalidEmail, ErrorCodes.EmailTaken, ErrorCodes.WeakPassword, ErrorCodes.InvalidBirthDate,
                     ErrorCodes.TooYoung, ErrorCodes.InvalidCredentials, ErrorCodes.InvalidProfile, ErrorCodes.CannotTargetSelf,
                     ErrorCodes.Blocked, ErrorCodes.RoleAlreadyHeld, ErrorCodes.RoleNotHeld, ErrorCodes.ExternalIdentityTaken,
                     ErrorCodes.TooManyCredentialChecks,
                 })
            Add(code, code);
        // Generation and credits (docs/render.md lists what each means).
        foreach (var code in new[]
                 {
                     Domain.Generations.GenerationRules.InvalidPrompt, Domain.Generations.GenerationRules.UnsupportedDuration,
                     Domain.Generations.GenerationRules.TooManyCameos, Domain.Generations.GenerationRules.UnknownCameo,
                     Domain.Generations.GenerationRules.InvalidImage, Domain.Generations.GenerationRules.RemixUnavailable,
                     Domain.Generations.GenerationRules.InvalidClientRequestId, Domain.Generations.GenerationRules.NotCancellable,
                     Domain.Generations.GenerationRules.NotPublishable, Domain.Credits.CreditDecisions.InsufficientCredits,
                     Domain.Generations.GenerationRules.LikenessNotConsented, Domain.Cameos.RecordCameoUseDecider.ConsentRequired,
                     Domain.Cameos.RecordCameoUseDecider.ConsentRestricted,
                 })
            Add(code, code);
    }
}
