"""The Teams app package: manifest (schema 1.19), fi/sv localisation, placeholder icons, and the
zip an admin uploads (`somevahti teams-package --out FILE.zip`)."""
