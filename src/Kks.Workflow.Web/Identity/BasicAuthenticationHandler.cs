using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Kks.Workflow.Persistence.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kks.Workflow.Web.Identity;

/// <summary>
/// HTTP Basic, Camunda's convention for REST clients. Checks the password through Identity (so failures count
/// towards lockout) and keeps a verified credential for a short while: hashing the password on every request
/// would cost tens of milliseconds each, and REST clients send it on every request.
/// </summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    BasicCredentialCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public new const string Scheme = "Basic";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !Scheme.Equals(header.Scheme, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (cache.TryGet(header.Parameter, out var cached))
        {
            return AuthenticateResult.Success(new AuthenticationTicket(cached, Scheme));
        }

        string userName, password;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return AuthenticateResult.Fail("Malformed Basic credentials.");
            }

            (userName, password) = (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("Malformed Basic credentials.");
        }

        // Resolved only now, on a miss: building SignInManager and UserManager (with its metrics) for every request
        // was a tenth of a cached request's CPU.
        var signIn = Context.RequestServices.GetRequiredService<SignInManager<UserAccount>>();
        var user = await signIn.UserManager.FindByNameAsync(userName).ConfigureAwait(false);
        if (user is null)
        {
            return AuthenticateResult.Fail("Invalid credentials.");
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return AuthenticateResult.Fail(result.IsLockedOut ? "Account locked out." : "Invalid credentials.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user).ConfigureAwait(false);
        var ticketPrincipal = new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, Scheme));
        cache.Add(header.Parameter, ticketPrincipal);
        return AuthenticateResult.Success(new AuthenticationTicket(ticketPrincipal, Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"kks-workflow\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }
}
