package v1alpha1

// PasswordOptions are a database connection's flexible password policy (Auth0's
// password_options). They replace the legacy passwordPolicy, passwordComplexity,
// passwordHistory, passwordDictionary and passwordNoPersonalInfo: Auth0 refuses both together.
type PasswordOptions struct {
	// +optional
	Complexity *PasswordOptionsComplexity `json:"complexity,omitempty" auth0:"complexity"`
	// +optional
	Dictionary *PasswordOptionsDictionary `json:"dictionary,omitempty" auth0:"dictionary"`
	// +optional
	History *PasswordOptionsHistory `json:"history,omitempty" auth0:"history"`
	// +optional
	ProfileData *PasswordOptionsProfileData `json:"profileData,omitempty" auth0:"profile_data"`
}

// PasswordOptionsComplexity: what a password must look like.
// +kubebuilder:validation:XValidation:rule="!has(self.characterTypeRule) || self.characterTypeRule != 'three_of_four' || (has(self.characterTypes) && size(self.characterTypes) == 4)",message="characterTypeRule three_of_four needs all four characterTypes (Auth0 refuses fewer)"
type PasswordOptionsComplexity struct {
	// MinLength of a password (Auth0 gives a new connection 15).
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=128
	// +optional
	MinLength *int32 `json:"minLength,omitempty" auth0:"min_length,default=15"`
	// CharacterTypes a password must contain.
	// +listType=set
	// +kubebuilder:validation:items:Enum=uppercase;lowercase;number;special
	// +kubebuilder:validation:MaxItems=4
	// +optional
	CharacterTypes []string `json:"characterTypes,omitempty" auth0:"character_types,set"`
	// CharacterTypeRule: all of characterTypes, or three_of_four.
	// +kubebuilder:validation:Enum=all;three_of_four
	// +optional
	CharacterTypeRule string `json:"characterTypeRule,omitempty" auth0:"character_type_rule,default=all"`
	// IdenticalCharacters: allow or block runs of one character (aaa).
	// +kubebuilder:validation:Enum=allow;block
	// +optional
	IdenticalCharacters string `json:"identicalCharacters,omitempty" auth0:"identical_characters,default=allow"`
	// SequentialCharacters: allow or block sequences (abc, 123).
	// +kubebuilder:validation:Enum=allow;block
	// +optional
	SequentialCharacters string `json:"sequentialCharacters,omitempty" auth0:"sequential_characters,default=allow"`
	// MaxLengthExceeded: error or truncate a password longer than Auth0's maximum.
	// +kubebuilder:validation:Enum=error;truncate
	// +optional
	MaxLengthExceeded string `json:"maxLengthExceeded,omitempty" auth0:"max_length_exceeded,default=error"`
}

// PasswordOptionsDictionary forbids common passwords and the listed words.
type PasswordOptionsDictionary struct {
	// +optional
	Active *bool `json:"active,omitempty" auth0:"active,default=false"`
	// Custom lists further forbidden words.
	// +listType=set
	// +optional
	Custom []string `json:"custom,omitempty" auth0:"custom,set"`
	// Default: the built-in dictionary, en_10k or en_100k.
	// +kubebuilder:validation:Enum=en_10k;en_100k
	// +optional
	Default string `json:"default,omitempty" auth0:"default,default=en_100k"`
}

// PasswordOptionsHistory forbids reusing the last size passwords.
type PasswordOptionsHistory struct {
	// +optional
	Active *bool `json:"active,omitempty" auth0:"active,default=false"`
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=24
	// +optional
	Size *int32 `json:"size,omitempty" auth0:"size,default=3"`
}

// PasswordOptionsProfileData forbids passwords containing the user's profile fields.
type PasswordOptionsProfileData struct {
	// +optional
	Active *bool `json:"active,omitempty" auth0:"active,default=false"`
	// BlockedFields: the profile fields (name, email, user_metadata.first, ...) a password must
	// not contain.
	// +listType=set
	// +kubebuilder:validation:MaxItems=12
	// +kubebuilder:validation:items:MaxLength=100
	// +optional
	BlockedFields []string `json:"blockedFields,omitempty" auth0:"blocked_fields,set,default=email name nickname phone_number user_metadata.first user_metadata.last user_metadata.name username"`
}
