using JasperFx;
using Sora.GraphQL.Composition;
using Sora.GraphQL.Operations;

// The whole host is composed in SoraHost so tests and tools build exactly what production runs.
// Besides serving, the JasperFx command line works here: db-apply, projections --rebuild, codegen write, ...
// and "admin" (./sora admin): the operator's role changes, through the same handler as the grantRole mutation.
var app = SoraHost.Build(args);
var remaining = HostRoles.Extract(args).Remaining;
if (remaining is [AdminCommand.Name, .. var rest]) return await AdminCommand.RunAsync(app.Services, rest, Console.Out, Console.Error);
return await app.RunJasperFxCommands(remaining);
