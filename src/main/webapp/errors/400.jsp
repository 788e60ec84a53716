<%@ page contentType="text/html;charset=UTF-8" session="false" %>
<%-- The container's answer to a request it refuses before the application sees it (an encoded "../" in the path, a
     malformed header): the demo's own page with a way home. The server's default names Java exceptions; this page
     shows nothing of the request. --%>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Bad request</title><link rel="stylesheet" href="<%= request.getContextPath() %>/demo.css"></head>
<body>
<header><strong>wristband-jakarta-auth demo</strong><a href="<%= request.getContextPath() %>/">Home</a></header>
<h1 id="bad-request">This request could not be understood</h1>
<p>The address or the request is malformed. Going back to the home page and following its links works.</p>
<p><a id="home" href="<%= request.getContextPath() %>/">Go to the home page</a></p>
<p class="note">HTTP 400.</p>
</body>
</html>
