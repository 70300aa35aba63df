-- Run once by docker-compose.yml's sqlserver-init as sa, and safe to run again: one database per service, one login
-- per service, and that login's user is db_owner of its own database and of nothing else (no server role, no other
-- database), so a leaked connection string opens one service's data only. The services then create their tables
-- themselves (EF Core migrations at start-up), as db_owner of their database.
-- The passwords are sqlcmd scripting variables, read from the container's environment (.env): no quote and no semicolon in them.
SET NOCOUNT ON;
GO

-- monitoring
IF DB_ID(N'xichou_monitoring') IS NULL
    CREATE DATABASE [xichou_monitoring];
GO
IF SUSER_ID(N'xichou_monitoring') IS NULL
    CREATE LOGIN [xichou_monitoring] WITH PASSWORD = N'$(MONITORING_DB_PASSWORD)', DEFAULT_DATABASE = [xichou_monitoring], CHECK_POLICY = ON, CHECK_EXPIRATION = OFF;
ELSE
    ALTER LOGIN [xichou_monitoring] WITH PASSWORD = N'$(MONITORING_DB_PASSWORD)';
GO
USE [xichou_monitoring];
IF USER_ID(N'xichou_monitoring') IS NULL
    CREATE USER [xichou_monitoring] FOR LOGIN [xichou_monitoring];
ALTER ROLE db_owner ADD MEMBER [xichou_monitoring];
GO
USE [master];
GO

-- housing
IF DB_ID(N'xichou_housing') IS NULL
    CREATE DATABASE [xichou_housing];
GO
IF SUSER_ID(N'xichou_housing') IS NULL
    CREATE LOGIN [xichou_housing] WITH PASSWORD = N'$(HOUSING_DB_PASSWORD)', DEFAULT_DATABASE = [xichou_housing], CHECK_POLICY = ON, CHECK_EXPIRATION = OFF;
ELSE
    ALTER LOGIN [xichou_housing] WITH PASSWORD = N'$(HOUSING_DB_PASSWORD)';
GO
USE [xichou_housing];
IF USER_ID(N'xichou_housing') IS NULL
    CREATE USER [xichou_housing] FOR LOGIN [xichou_housing];
ALTER ROLE db_owner ADD MEMBER [xichou_housing];
GO
USE [master];
GO

-- agriculture
IF DB_ID(N'xichou_agriculture') IS NULL
    CREATE DATABASE [xichou_agriculture];
GO
IF SUSER_ID(N'xichou_agriculture') IS NULL
    CREATE LOGIN [xichou_agriculture] WITH PASSWORD = N'$(AGRICULTURE_DB_PASSWORD)', DEFAULT_DATABASE = [xichou_agriculture], CHECK_POLICY = ON, CHECK_EXPIRATION = OFF;
ELSE
    ALTER LOGIN [xichou_agriculture] WITH PASSWORD = N'$(AGRICULTURE_DB_PASSWORD)';
GO
USE [xichou_agriculture];
IF USER_ID(N'xichou_agriculture') IS NULL
    CREATE USER [xichou_agriculture] FOR LOGIN [xichou_agriculture];
ALTER ROLE db_owner ADD MEMBER [xichou_agriculture];
GO
USE [master];
GO

-- employment
IF DB_ID(N'xichou_employment') IS NULL
    CREATE DATABASE [xichou_employment];
GO
IF SUSER_ID(N'xichou_employment') IS NULL
    CREATE LOGIN [xichou_employment] WITH PASSWORD = N'$(EMPLOYMENT_DB_PASSWORD)', DEFAULT_DATABASE = [xichou_employment], CHECK_POLICY = ON, CHECK_EXPIRATION = OFF;
ELSE
    ALTER LOGIN [xichou_employment] WITH PASSWORD = N'$(EMPLOYMENT_DB_PASSWORD)';
GO
USE [xichou_employment];
IF USER_ID(N'xichou_employment') IS NULL
    CREATE USER [xichou_employment] FOR LOGIN [xichou_employment];
ALTER ROLE db_owner ADD MEMBER [xichou_employment];
GO
USE [master];
GO

-- education
IF DB_ID(N'xichou_education') IS NULL
    CREATE DATABASE [xichou_education];
GO
IF SUSER_ID(N'xichou_education') IS NULL
    CREATE LOGIN [xichou_education] WITH PASSWORD = N'$(EDUCATION_DB_PASSWORD)', DEFAULT_DATABASE = [xichou_education], CHECK_POLICY = ON, CHECK_EXPIRATION = OFF;
ELSE
    ALTER LOGIN [xichou_education] WITH PASSWORD = N'$(EDUCATION_DB_PASSWORD)';
GO
USE [xichou_education];
IF USER_ID(N'xichou_education') IS NULL
    CREATE USER [xichou_education] FOR LOGIN [xichou_education];
ALTER ROLE db_owner ADD MEMBER [xichou_education];
GO
USE [master];
GO

-- water
IF DB_ID(N'xichou_water') IS NULL
    CREATE DATABASE [xichou_water];
GO
IF SUSER_ID(N'xichou_water') IS NULL
    CREATE LOGIN [xichou_water] WITH PASSWORD = N'$(WATER_DB_PASSWORD)', DEFAULT_DATABASE = [xichou_water], CHECK_POLICY = ON, CHECK_EXPIRATION = OFF;
ELSE
    ALTER LOGIN [xichou_water] WITH PASSWORD = N'$(WATER_DB_PASSWORD)';
GO
USE [xichou_water];
IF USER_ID(N'xichou_water') IS NULL
    CREATE USER [xichou_water] FOR LOGIN [xichou_water];
ALTER ROLE db_owner ADD MEMBER [xichou_water];
GO
USE [master];
GO

-- insurance
IF DB_ID(N'xichou_insurance') IS NULL
    CREATE DATABASE [xichou_insurance];
GO
IF SUSER_ID(N'xichou_insurance') IS NULL
    CREATE LOGIN [xichou_insurance] WITH PASSWORD = N'$(INSURANCE_DB_PASSWORD)', DEFAULT_DATABASE = [xichou_insurance], CHECK_POLICY = ON, CHECK_EXPIRATION = OFF;
ELSE
    ALTER LOGIN [xichou_insurance] WITH PASSWORD = N'$(INSURANCE_DB_PASSWORD)';
GO
USE [xichou_insurance];
IF USER_ID(N'xichou_insurance') IS NULL
    CREATE USER [xichou_insurance] FOR LOGIN [xichou_insurance];
ALTER ROLE db_owner ADD MEMBER [xichou_insurance];
GO
USE [master];
GO

-- command-centre
IF DB_ID(N'xichou_command_centre') IS NULL
    CREATE DATABASE [xichou_command_centre];
GO
IF SUSER_ID(N'xichou_command_centre') IS NULL
    CREATE LOGIN [xichou_command_centre] WITH PASSWORD = N'$(COMMAND_CENTRE_DB_PASSWORD)', DEFAULT_DATABASE = [xichou_command_centre], CHECK_POLICY = ON, CHECK_EXPIRATION = OFF;
ELSE
    ALTER LOGIN [xichou_command_centre] WITH PASSWORD = N'$(COMMAND_CENTRE_DB_PASSWORD)';
GO
USE [xichou_command_centre];
IF USER_ID(N'xichou_command_centre') IS NULL
    CREATE USER [xichou_command_centre] FOR LOGIN [xichou_command_centre];
ALTER ROLE db_owner ADD MEMBER [xichou_command_centre];
GO
USE [master];
GO

-- gateway
IF DB_ID(N'xichou_gateway') IS NULL
    CREATE DATABASE [xichou_gateway];
GO
IF SUSER_ID(N'xichou_gateway') IS NULL
    CREATE LOGIN [xichou_gateway] WITH PASSWORD = N'$(GATEWAY_DB_PASSWORD)', DEFAULT_DATABASE = [xichou_gateway], CHECK_POLICY = ON, CHECK_EXPIRATION = OFF;
ELSE
    ALTER LOGIN [xichou_gateway] WITH PASSWORD = N'$(GATEWAY_DB_PASSWORD)';
GO
USE [xichou_gateway];
IF USER_ID(N'xichou_gateway') IS NULL
    CREATE USER [xichou_gateway] FOR LOGIN [xichou_gateway];
ALTER ROLE db_owner ADD MEMBER [xichou_gateway];
GO
USE [master];
GO
