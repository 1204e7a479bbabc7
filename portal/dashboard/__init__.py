"""Statistics for managers and the public: volumes, service standards met, revenue, satisfaction."""
