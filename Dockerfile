FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt requirements-langchain.txt ./
# `docker build --build-arg WITH_LANGCHAIN=true` for LLM_PROVIDER=langchain (optional packages).
ARG WITH_LANGCHAIN=false
RUN pip install --no-cache-dir -r requirements.txt \
    && if [ "$WITH_LANGCHAIN" = "true" ]; then pip install --no-cache-dir -r requirements-langchain.txt; fi
COPY . .
# Collecting static files needs settings to load, not a real key: this one exists only at build time.
RUN DJANGO_ENV=production SECRET_KEY=build-time-only-collectstatic python manage.py collectstatic --noinput -v 0
EXPOSE 8000
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "--proxy-headers", "chatbet_project.asgi:application"]
