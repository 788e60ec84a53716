<%@ page contentType="text/html;charset=UTF-8" session="false" %>
<%@ page import="io.github.wristbandjakarta.demo.CurrentUser, jakarta.enterprise.inject.spi.CDI" %>
<%!
    /** The user's name and tenant come from Wristband: escaped like any text from outside. */
    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
%>
<%
    // The home page is public, and still knows who is signed in: with a signed-in session the library makes its
    // user the caller of every request, constrained or not (README "Endpoints"), so the page reads the caller
    // as every page of the demo does (CurrentUser, through Jakarta Security's SecurityContext), on the server,
    // before the page reaches the browser. No session is created here (session="false").
    CurrentUser user = CDI.current().select(CurrentUser.class).get();
    boolean signedIn = user.isSignedIn();
    // wristband.logout.redirect-url of the demo's configuration brings the browser back here with this marker
    // after Wristband's logout; without a session the page says so. (With one, whoever is signed in is shown.)
    boolean justSignedOut = !signedIn && request.getParameterMap().containsKey("signed-out");
    String root = request.getContextPath();
%>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>wristband-jakarta-auth demo</title>
  <link rel="stylesheet" href="<%= root %>/demo.css">
</head>
<body>
<% if (signedIn) { %>
<header><strong>wristband-jakarta-auth demo</strong><a href="<%= root %>/">Home</a><a href="<%= root %>/pages/profile.xhtml">Profile</a><a href="<%= root %>/admin/index.jsp">Administration</a><a href="<%= root %>/api/auth/logout">Log out</a></header>
<h1>Wristband login for Jakarta EE</h1>
<section id="signed-in">
<p>Signed in as <strong id="user"><%= html(user.getName()) %></strong> in tenant
   <strong id="tenant"><%= html(user.getTenantName()) %></strong>.</p>
<ul>
  <li><a href="<%= root %>/pages/profile.xhtml">Profile</a> (a JSF page for any signed-in user)</li>
  <li><a href="<%= root %>/admin/index.jsp">Administration</a> (a JSP page for the <code>admin</code> role)</li>
  <li><button id="call-me" type="button">Call /api/demo/me</button> (a <code>@RolesAllowed("user")</code> JAX-RS
      resource) or <button id="call-session" type="button">Call /api/auth/session</button> (the Session Endpoint),
      as an application's scripts call them: with the <code>X-CSRF-TOKEN</code> header
      <pre id="answer"></pre></li>
  <li><a id="logout" href="<%= root %>/api/auth/logout">Log out</a></li>
</ul>
</section>
<script>
  // What @wristband/react-client-auth does: the CSRF header from the cookie the callback set.
  const csrf = document.cookie.split('; ').find(c => c.startsWith('CSRF-TOKEN='));
  const headers = {'Accept': 'application/json'};
  if (csrf) headers['X-CSRF-TOKEN'] = decodeURIComponent(csrf.substring('CSRF-TOKEN='.length));
  const show = path => fetch(path, {credentials: 'include', headers})
    .then(r => r.text().then(body => document.getElementById('answer').textContent = r.status + ' ' + body));
  document.getElementById('call-me').addEventListener('click', () => show('<%= root %>/api/demo/me'));
  document.getElementById('call-session').addEventListener('click', () => show('<%= root %>/api/auth/session'));
</script>
<% } else { %>
<header><strong>wristband-jakarta-auth demo</strong><a href="<%= root %>/">Home</a><a href="<%= root %>/api/auth/login">Log in</a></header>
<h1>Wristband login for Jakarta EE</h1>
<% if (justSignedOut) { %>
<p id="signed-out" class="notice">You are signed out.</p>
<% } %>
<section id="sign-in-links">
<p>You are not signed in.</p>
<ul>
  <li><a id="login" href="<%= root %>/api/auth/login">Log in</a> (the application-level login: pick a tenant,
      then a user)</li>
  <li><a id="login-devs4you" href="<%= root %>/api/auth/login?tenant_name=devs4you">Log in to tenant devs4you</a>
      (alice is an admin, bob a user)</li>
</ul>
<p class="note">Signed in, you reach the Profile (a JSF page), the Administration (a JSP page for the
  <code>admin</code> role) and the demo's API from here. Opening one of those pages now sends you through the
  login first, and back.</p>
</section>
<% } %>
</body>
</html>
