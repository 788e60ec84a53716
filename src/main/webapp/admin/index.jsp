<%@ page contentType="text/html;charset=UTF-8" session="false" %>
<%
    // The Wristband principal through the plain servlet API: the container's caller is the Wristband user.
    java.security.Principal caller = request.getUserPrincipal();
%>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Administration</title><link rel="stylesheet" href="<%= request.getContextPath() %>/demo.css"></head>
<body>
<header><strong>wristband-jakarta-auth demo</strong><a href="<%= request.getContextPath() %>/">Home</a><a href="<%= request.getContextPath() %>/pages/profile.xhtml">Profile</a><a href="<%= request.getContextPath() %>/admin/index.jsp">Administration</a><a href="<%= request.getContextPath() %>/api/auth/logout">Log out</a></header>
<h1>Administration (JSP)</h1>
<p>Signed in as <span id="userId"><%= caller == null ? "" : caller.getName() %></span>;
   in role admin: <span id="admin"><%= request.isUserInRole("admin") %></span>.</p>
<p><a href="<%= request.getContextPath() %>/">Home</a> · <a href="<%= request.getContextPath() %>/api/auth/logout">Log out</a></p>
</body>
</html>
