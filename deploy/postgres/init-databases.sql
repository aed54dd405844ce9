-- Runs once, when the PostgreSQL volume is first created (docker-entrypoint-initdb.d), as
-- POSTGRES_USER. One database per component keeps their tables and migration histories apart.
CREATE DATABASE root_cause;
CREATE DATABASE knowledge_base;
CREATE DATABASE action_recommender;
CREATE DATABASE incident_integrator;
CREATE DATABASE gateway;
