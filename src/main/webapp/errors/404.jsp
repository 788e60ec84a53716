<%@ page contentType="text/html;charset=UTF-8" session="false" %>
<%-- The container's answer to a path the application does not have (web.xml <error-page>): the demo's own page with
     a way home, instead of the server's default one, which on Open Liberty names the Java exceptions behind it
     (docs/deploying-liberty.md "Error pages"). It shows nothing of the request: no path, no exception. --%>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Not found</title><link rel="stylesheet" href="<%= request.getContextPath() %>/demo.css"></head>
<body>
<header><strong>wristband-jakarta-auth demo</strong><a href="<%= request.getContextPath() %>/">Home</a></header>
<h1 id="not-found">No such page</h1>
<p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
<p><a id="home" href="<%= request.getContextPath() %>/">Go to the home page</a></p>
<p class="note">HTTP 404.</p>
</body>
</html>
