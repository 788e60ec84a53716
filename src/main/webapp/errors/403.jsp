<%@ page contentType="text/html;charset=UTF-8" session="false" %>
<%-- The container's answer to a signed-in user without the role a page needs (web.xml <error-page>). --%>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Forbidden</title><link rel="stylesheet" href="<%= request.getContextPath() %>/demo.css"></head>
<body>
<header><strong>wristband-jakarta-auth demo</strong><a href="<%= request.getContextPath() %>/">Home</a><a href="<%= request.getContextPath() %>/api/auth/logout">Log out</a></header>
<h1 id="forbidden">Not for your role</h1>
<p>You are signed in, but this page needs a role you do not have: Administration needs <code>admin</code>, which
  alice has in tenant devs4you.</p>
<p class="note">HTTP 403. Go back home, or log out and sign in as another user.</p>
</body>
</html>
