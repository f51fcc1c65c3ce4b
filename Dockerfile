FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt requirements-langchain.txt ./
# `docker build --build-arg WITH_LANGCHAIN=true` for LLM_PROVIDER=langchain (optional packages).
ARG WITH_LANGCHAIN=false
RUN pip install --no-cache-dir -r requirements.txt \
    && if [ "$WITH_LANGCHAIN" = "true" ]; then pip install --no-cache-dir -r requirements-langchain.txt; fi
COPY . .
# Collecting static files needs settings to load, not the real key: a random one that exists only in this step.
RUN DJANGO_ENV=production SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    python manage.py collectstatic --noinput -v 0
# The translations (locale/*.po -> .mo, not committed): msgfmt is only needed for this step.
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && DJANGO_ENV=production SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
       python manage.py compilemessages -v 0 \
    && apt-get purge -y gettext && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*
EXPOSE 8000
# No --proxy-headers: behind a proxy set TRUSTED_PROXIES to its address (see README, "Behind a proxy").
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "chatbet_project.asgi:application"]
