using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using Sora.GraphQL.Composition;

namespace Sora.GraphQL.Transport.WebSockets;

/// <summary>Accepts WebSocket upgrades on /graphql and runs one <see cref="GraphQLWsConnection"/> per socket.</summary>
public static class WebSocketEndpoint
{
    public const string Subprotocol = "graphql-transport-ws";

    public static async Task HandleAsync(HttpContext http)
    {
        var offered = http.WebSockets.WebSocketRequestedProtocols;
        // Like the reference server: accept the socket, then close with 4406 if the subprotocol is wrong, so the
        // client sees a protocol-level reason rather than a failed handshake.
        var socket = await http.WebSockets.AcceptWebSocketAsync(offered.Contains(Subprotocol) ? Subprotocol : null);
        if (!offered.Contains(Subprotocol))
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)CloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable", http.RequestAborted);
            return;
        }

        var options = http.RequestServices.GetRequiredService<IOptions<SoraOptions>>().Value.GraphQL;
        var connection = new GraphQLWsConnection(socket, http.RequestServices.GetRequiredService<IServiceScopeFactory>(),
            http.RequestServices.GetRequiredService<global::GraphQL.IGraphQLTextSerializer>(), options, http.TraceIdentifier,
            http.RequestServices.GetRequiredService<ILogger<GraphQLWsConnection>>());
        await connection.RunAsync(http.RequestAborted);
    }
}
