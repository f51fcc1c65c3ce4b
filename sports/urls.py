from django.urls import path, re_path

from sports import apis

app_name = "sports"

urlpatterns: list = [
    path("", apis.SportListApi.as_view(), name="sports"),
    re_path(r"^tournaments/?$", apis.TournamentListApi.as_view(), name="tournaments"),
    re_path(r"^fixtures/?$", apis.FixtureListApi.as_view(), name="fixtures"),
    re_path(r"^fixtures/(?P<fixture_id>[A-Za-z0-9_-]{1,40})/?$", apis.FixtureDetailApi.as_view(), name="fixture"),
    re_path(r"^odds/?$", apis.OddsApi.as_view(), name="odds"),
    re_path(r"^search/?$", apis.SearchApi.as_view(), name="search"),
    re_path(r"^cache-stats/?$", apis.CacheStatsApi.as_view(), name="cache-stats"),
]
