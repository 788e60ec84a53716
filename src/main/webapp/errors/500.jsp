<%@ page contentType="text/html;charset=UTF-8" session="false" %>
<%-- The container's answer to an error of a page or servlet (web.xml <error-page> for 500 and for any Throwable):
     the demo's own page with a way home, never the exception, its message or a stack trace, which the server's
     default page would show (docs/deploying-liberty.md, docs/deploying-wildfly.md "Error pages"). The server's
     log has the details. --%>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Something went wrong</title><link rel="stylesheet" href="<%= request.getContextPath() %>/demo.css"></head>
<body>
<header><strong>wristband-jakarta-auth demo</strong><a href="<%= request.getContextPath() %>/">Home</a></header>
<h1 id="server-error">Something went wrong</h1>
<p>The page could not be shown because of an error on our side. Please try again in a moment.</p>
<p><a id="home" href="<%= request.getContextPath() %>/">Go to the home page</a></p>
<p class="note">HTTP 500.</p>
</body>
</html>
