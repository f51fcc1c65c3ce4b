from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from accounts.admin_login import throttled_login
from insights.dashboard import dashboard_view
from sports.admin_views import provider_health_view

from . import api_docs, health, metrics

admin.site.site_header = "ChatBet operations"
admin.site.site_title = "ChatBet admin"
admin.site.index_title = "Conversations, users and data health"
admin.site.login = throttled_login(admin.site.login)  # same limiter as the API login (before admin.site.urls)

urlpatterns = [
    path("admin/dashboard/", admin.site.admin_view(dashboard_view), name="admin-dashboard"),
    path("admin/sports/health/", admin.site.admin_view(provider_health_view), name="admin-sports-health"),
    path("admin/", admin.site.urls),
    path("health/", health.summary, name="health"),
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs", api_docs.same_origin_only(SpectacularSwaggerView.as_view(url_name="schema")), name="docs"),
    path("docs/websocket-protocol", api_docs.websocket_protocol, name="docs-websocket-protocol"),
    path("redoc", api_docs.same_origin_only(SpectacularRedocView.as_view(url_name="schema",
                                                                         template_name="api_docs/redoc.html")),
         name="redoc"),
    path("api/v1/auth/", include("accounts.urls")),
    path("api/v1/sports/", include("sports.urls")),
    path("api/v1/", include("betting.urls")),
    path("api/v1/chat/", include("chat.transport.urls")),
    path("ws/", include("chat.transport.ws_urls")),
    path("", include("chat.transport.web_urls")),
]

handler400 = "chatbet_project.errors.json_400"
handler403 = "chatbet_project.errors.json_403"
handler404 = "chatbet_project.errors.json_404"
handler500 = "chatbet_project.errors.json_500"
