using GraphQL.Types;
using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Accounts;

public sealed record AuthResult(Account? Account, string? Token, IReadOnlyList<Refusal> Errors);

public sealed class AuthPayloadType : ObjectGraphType<AuthResult>
{
    public AuthPayloadType()
    {
        Name = "AuthPayload";
        Description = "The result of signUp or signIn: the account and a bearer token, or user errors.";
        Field<AccountType>("account").Resolve(ctx => ctx.Source.Account);
        Field(x => x.Token, nullable: true).Description("Send as 'Authorization: Bearer <token>', or as connectionParams.authorization over WebSocket.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

public sealed record AccountChange(Account? Account, IReadOnlyList<Refusal> Errors);

public sealed class AccountPayloadType : ObjectGraphType<AccountChange>
{
    public AccountPayloadType()
    {
        Name = "AccountPayload";
        Field<AccountType>("account").Resolve(ctx => ctx.Source.Account);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}
