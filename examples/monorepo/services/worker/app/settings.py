import os

APP_ENV = os.getenv("APP_ENV", "development")
DEBUG = APP_ENV != "production"
CONVERTER = os.getenv("CONVERTER", "pandoc")
MAX_DOWNLOAD_BYTES = int(os.getenv("MAX_DOWNLOAD_BYTES", "10485760"))
