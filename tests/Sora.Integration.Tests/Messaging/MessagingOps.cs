using System.Text.Json;
using Sora.Integration.Tests.Support;

namespace Sora.Integration.Tests.Messaging;

/// <summary>The messaging operations as a client sends them.</summary>
public static class MessagingOps
{
    public const string Start = """
        mutation($i: StartConversationInput!) { startConversation(input: $i) { conversationId conversation { id isGroup isRequest awaitingAcceptance } errors { code field } } }
        """;

    public const string Send = """
        mutation($i: SendMessageInput!) { sendMessage(input: $i) { message { id text sender { handle } } errors { code field } } }
        """;

    public const string Messages = """
        query($id: ID!, $first: Int, $after: String) {
          conversation(id: $id) {
            id members { handle }
            messages(first: $first, after: $after) {
              edges { cursor node { id text sender { handle } readBy { handle } sharedVideo { id } sharedVideoUnavailable } }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
        """;

    public const string List = """
        query($requests: Boolean, $first: Int, $after: String) {
          conversations(requests: $requests, first: $first, after: $after) { edges { node { id isRequest declined } } pageInfo { hasNextPage endCursor } }
        }
        """;

    public static string Verb(string name, bool withMessage = false) => withMessage
        ? $"mutation($c: ID!, $m: ID!) {{ {name}(input: {{ conversationId: $c, messageId: $m }}) {{ conversationId conversation {{ id }} errors {{ code field }} }} }}"
        : $"mutation($c: ID!) {{ {name}(input: {{ conversationId: $c }}) {{ conversationId conversation {{ id }} errors {{ code field }} }} }}";

    public static Task<GqlResponse> StartAsync(this GraphQLClient api, TestAccount by, object[] members, string? text = null, object? video = null) =>
        api.PostAsync(Start, new { i = new { memberIds = members, text, sharedVideoId = video } }, by.Token);

    public static async Task<Guid> StartedAsync(this GraphQLClient api, TestAccount by, object[] members, string? text = null, object? video = null) =>
        Guid.Parse((await api.StartAsync(by, members, text, video)).Ok().GetProperty("startConversation").GetProperty("conversationId").GetString()!);

    public static Task<GqlResponse> SendAsync(this GraphQLClient api, string? token, object conversation, string? text, object? video = null,
        string? clientRequestId = null) =>
        api.PostAsync(Send, new { i = new { conversationId = conversation, text, sharedVideoId = video, clientRequestId } }, token);

    public static async Task<Guid> SentAsync(this GraphQLClient api, TestAccount by, Guid conversation, string text) =>
        Guid.Parse((await api.SendAsync(by.Token, conversation, text)).Ok().GetProperty("sendMessage").GetProperty("message").GetProperty("id").GetString()!);

    public static async Task<JsonElement[]> MessagesAsync(this GraphQLClient api, TestAccount by, Guid conversation, int first = 20, string? after = null) =>
        (await api.PostAsync(Messages, new { id = conversation, first, after }, by.Token)).Ok().GetProperty("conversation").GetProperty("messages").Nodes();

    public static async Task<List<Guid>> ConversationIdsAsync(this GraphQLClient api, TestAccount by, bool requests = false) =>
        (await api.PostAsync(List, new { requests }, by.Token)).Ok().GetProperty("conversations").Nodes()
        .Select(n => Guid.Parse(n.GetProperty("id").GetString()!)).ToList();
}
