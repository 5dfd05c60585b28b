package org.datasharing.registry.core.identity;

/**
 * A member added to an organisation in the directory: whether their user was created or an existing
 * one linked, and whether Keycloak e-mailed them to set a password.
 */
public record MemberAdded(
    String organisation,
    String username,
    String email,
    MemberRole role,
    boolean userCreated,
    boolean emailSent,
    String message) {}
