using JasperFx;
using Sora.GraphQL.Composition;

// The whole host is composed in SoraHost so tests and tools build exactly what production runs.
// Besides serving, the JasperFx command line works here: db-apply, projections --rebuild, codegen write, ...
var app = SoraHost.Build(args);
return await app.RunJasperFxCommands(HostRoles.Extract(args).Remaining);
