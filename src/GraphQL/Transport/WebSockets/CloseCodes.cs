namespace Sora.GraphQL.Transport.WebSockets;

/// <summary>The close codes of graphql-transport-ws (graphql-ws PROTOCOL.md and its CloseCode enum).</summary>
public static class CloseCodes
{
    public const int BadRequest = 4400;
    public const int Unauthorized = 4401;
    public const int Forbidden = 4403;
    public const int SubprotocolNotAcceptable = 4406;
    public const int ConnectionInitialisationTimeout = 4408;
    public const int SubscriberAlreadyExists = 4409;
    public const int TooManyInitialisationRequests = 4429;
    public const int InternalServerError = 4500;

    /// <summary>
    /// Ours (RFC 6455 "policy violation"): the client did not read what the server sent, and the messages waiting for
    /// it passed Sora:GraphQL:MaxSocketQueueBytes. Not one of graphql-ws's fatal 44xx codes, so its client reconnects.
    /// </summary>
    public const int SlowConsumer = 1008;
}
