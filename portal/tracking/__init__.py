"""What applicants see of their applications: my applications, status look-up, feedback."""
