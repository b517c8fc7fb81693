using GraphQL.Types;
using Sora.Domain.Accounts;

namespace Sora.GraphQL.Schema.Accounts;

public sealed class SignUpInput
{
    public string Handle { get; set; } = "";
    public string Email { get; set; } = "";
    public string? Password { get; set; }
    public DateOnly BirthDate { get; set; }
}

public sealed class SignUpInputType : InputObjectGraphType<SignUpInput>
{
    public SignUpInputType()
    {
        Name = "SignUpInput";
        Field(x => x.Handle).Description("3-30 characters: a-z, 0-9, '_' and '.'.");
        Field(x => x.Email);
        Field(x => x.Password, nullable: true).Description("Required unless the request carries a valid external (OIDC) token.");
        Field<NonNullGraphType<DateOnlyGraphType>>("birthDate").Description("Used to derive teen status; never shown to others.");
    }
}

public sealed class SignInInput
{
    public string Login { get; set; } = "";
    public string Password { get; set; } = "";
}

public sealed class SignInInputType : InputObjectGraphType<SignInInput>
{
    public SignInInputType()
    {
        Name = "SignInInput";
        Field(x => x.Login).Description("Handle or email.");
        Field(x => x.Password);
    }
}

public sealed class UpdateProfileInput
{
    public string? AccountId { get; set; }
    public string? DisplayName { get; set; }
    public string? Bio { get; set; }
}

public sealed class UpdateProfileInputType : InputObjectGraphType<UpdateProfileInput>
{
    public UpdateProfileInputType()
    {
        Name = "UpdateProfileInput";
        Field<IdGraphType>("accountId").Description("Defaults to the signed-in account; only admins may name another.");
        Field(x => x.DisplayName, nullable: true).Description("Null leaves it unchanged; an empty string clears it.");
        Field(x => x.Bio, nullable: true);
    }
}

public sealed class ChangeRoleInput
{
    public string AccountId { get; set; } = "";
    public AccountRole Role { get; set; }
}

public sealed class ChangeRoleInputType : InputObjectGraphType<ChangeRoleInput>
{
    public ChangeRoleInputType()
    {
        Name = "ChangeRoleInput";
        Field<NonNullGraphType<IdGraphType>>("accountId");
        Field<NonNullGraphType<AccountRoleType>>("role");
    }
}
