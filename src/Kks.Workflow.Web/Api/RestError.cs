using Kks.Workflow.Engine;

namespace Kks.Workflow.Web.Api;

/// <summary>
/// An error the API answers on purpose, in Camunda 7's shape (<c>{"type": ..., "message": ...}</c>) with its
/// status. Thrown by endpoints and the access policy; written by <see cref="RestErrorHandling"/>.
/// </summary>
public sealed class RestException : Exception
{
    public RestException(int status, string type, BilingualText text)
        : base(text?.English)
    {
        ArgumentNullException.ThrowIfNull(text);
        Status = status;
        Type = type;
        Text = text;
    }

    public RestException() : this(500, "RestException", new BilingualText("Kesalahan.", "Error.")) { }

    public RestException(string message) : this(500, "RestException", new BilingualText(message, message)) { }

    public RestException(string message, Exception innerException) : base(message, innerException)
    {
        Status = 500;
        Type = "RestException";
        Text = new BilingualText(message, message);
    }

    public int Status { get; }

    public string Type { get; }

    public BilingualText Text { get; }

    /// <summary>Extra members of the body (Camunda's deployment errors carry <c>details</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Extra { get; init; }

    public static RestException BadRequest(string indonesian, string english) => new(400, "InvalidRequestException", new(indonesian, english));

    public static RestException NotFound(string indonesian, string english) => new(404, "InvalidRequestException", new(indonesian, english));

    public static RestException Forbidden(string indonesian, string english) => new(403, "AuthorizationException", new(indonesian, english));

    public static RestException Conflict(string indonesian, string english) => new(409, "OptimisticLockingException", new(indonesian, english));
}
