using Sora.Domain.Accounts;
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
        // The shared codes, then each feature's own (listed by its feature class, beside the decisions that use them).
        foreach (var code in new[] { ErrorCodes.BadUserInput, ErrorCodes.Conflict }.Concat(Sora.Domain.DomainFeatures.UserErrorCodes).Distinct())
            Add(code, code);
    }
}
